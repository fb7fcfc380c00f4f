package io.github.meddistill.examples.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import java.lang.module.Configuration;
import java.lang.module.ModuleFinder;
import java.lang.module.ResolvedModule;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The architecture every user on the class path gets too: no code outside a MedDistill module uses that module's
 * {@code internal} packages (javac enforces it for named modules; this covers meddistill-spark, an automatic module,
 * the examples and the command line). The one sanctioned use mirrors teachers' qualified export: spark's request
 * budget reuses the teachers' rate limiter. Also: the library modules resolve on the module path.
 */
class InternalPackagesTest {

    private static final JavaClasses CLASSES = ModuleClasses.libraryAndExamples();

    @ParameterizedTest
    @ValueSource(strings = {"core", "teachers", "ontology", "student", "eval", "spark"})
    void should_use_internal_packages_only_inside_their_module_when_compiled(String module) {
        // given
        String root = "io.github.meddistill." + module;
        String[] friends = module.equals("teachers") ? new String[] {root + "..", "io.github.meddistill.spark.."}
                : new String[] {root + ".."};
        ArchRule rule = noClasses().that().resideOutsideOfPackages(friends)
                .should().dependOnClassesThat().resideInAPackage(root + ".internal..");

        // when
        EvaluationResult result = rule.evaluate(CLASSES);

        // then
        assertThat(result.getFailureReport().getDetails()).isEmpty();
    }

    @Test
    void should_report_the_use_when_code_outside_a_module_uses_its_internal_package() {
        // given: the rule for teachers without spark's sanctioned use of the rate limiter
        ArchRule strict = noClasses().that().resideOutsideOfPackage("io.github.meddistill.teachers..")
                .should().dependOnClassesThat().resideInAPackage("io.github.meddistill.teachers.internal..");

        // when / then
        assertThat(strict.evaluate(CLASSES).getFailureReport().getDetails()).isNotEmpty()
                .allSatisfy(line -> assertThat(line).contains("io.github.meddistill.spark.internal.BudgetServer"));
    }

    @Test
    void should_see_classes_of_every_module_when_importing() {
        // the rule above is only as good as the import: every module's classes, internal ones included, are there
        Set<String> modules = CLASSES.stream().map(c -> c.getPackageName().split("\\.")[3]).collect(Collectors.toSet());
        assertThat(modules).contains("core", "teachers", "ontology", "student", "eval", "spark", "examples");
        assertThat(CLASSES.stream().anyMatch(c -> c.getPackageName().equals("io.github.meddistill.teachers.internal")))
                .isTrue();
    }

    @Test
    void should_resolve_the_library_modules_when_on_the_module_path() {
        // given: the library modules and what they require, from this test's class path
        List<Path> path = Arrays.stream(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
                .filter(e -> e.matches(".*(meddistill-(core|teachers|ontology|student|eval)[^/]*\\.jar"
                        + "|/(core|teachers|ontology|student|eval)/target/classes"
                        + "|jackson-(core|databind|annotations)-[^/]*\\.jar|slf4j-api-[^/]*\\.jar"
                        + "|/ai/djl/api/[^/]*/api-[^/]*\\.jar|tokenizers-[^/]*\\.jar)"))
                .map(Path::of).toList();
        Set<String> roots = Set.of("io.github.meddistill.core", "io.github.meddistill.teachers",
                "io.github.meddistill.ontology", "io.github.meddistill.student", "io.github.meddistill.eval");

        // when
        Configuration configuration = Configuration.empty().resolve(ModuleFinder.of(path.toArray(Path[]::new)),
                ModuleFinder.ofSystem(), roots);

        // then
        assertThat(configuration.modules().stream().map(ResolvedModule::name)).containsAll(roots);
    }
}
