/**
 * Teacher-subset search: every non-empty subset of teachers under every combination rule, scored per
 * entity type on a gold dev set, best first.
 *
 * <pre>{@code
 * SubsetSearchResult result = TeacherSubsetSearch.builder().build().search(teacherDevLabels, goldDev);
 * System.out.println(result.best(EntityType.DISEASE).describe());
 * }</pre>
 */
package io.github.meddistill.eval.search;
