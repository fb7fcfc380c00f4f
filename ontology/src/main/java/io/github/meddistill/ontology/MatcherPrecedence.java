package io.github.meddistill.ontology;

/** How an {@link OntologyTeacher} with several matchers settles matches that overlap. */
public enum MatcherPrecedence {
    /** The matcher added first wins; a later matcher only fills text the earlier ones left free. */
    PRIORITY,
    /** The longest match wins; among matches of equal length, the matcher added first. */
    LONGEST_THEN_PRIORITY
}
