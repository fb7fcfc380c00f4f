package io.github.meddistill.examples.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The compiled main classes of MedDistill's modules, for the architecture tests. */
final class ModuleClasses {

    private ModuleClasses() {
    }

    /** The library modules' classes: core, teachers, ontology, student, eval and spark. */
    static JavaClasses library() {
        return of(io.github.meddistill.spark.ExtractOptions.class);
    }

    /** The library modules' classes and those of this module (the command line and the guides). */
    static JavaClasses libraryAndExamples() {
        return of(io.github.meddistill.spark.ExtractOptions.class,
                io.github.meddistill.examples.guide.LangChain4jTeacherExample.class);
    }

    /** Each module's classes, from where one of its classes was loaded (a jar or target/classes). */
    private static JavaClasses of(Class<?>... more) {
        return new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importLocations(Stream.concat(Stream.of(io.github.meddistill.core.Document.class,
                                        io.github.meddistill.teachers.LlmTeacher.class,
                                        io.github.meddistill.ontology.DictionaryMatcher.class,
                                        io.github.meddistill.student.BertStudent.class,
                                        io.github.meddistill.eval.Bootstrap.class), Stream.of(more))
                        .map(c -> Location.of(c.getProtectionDomain().getCodeSource().getLocation()))
                        .collect(Collectors.toSet()));
    }
}
