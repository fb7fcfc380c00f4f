package io.github.meddistill.examples.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaConstructorCall;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.Location;
import io.github.meddistill.core.MedDistillException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The exception policy of the library modules (see {@code io.github.meddistill.core}'s package documentation), checked
 * on their compiled classes: no public method of the published API declares a checked exception, and the library
 * throws only MedDistill exceptions (failures of the work) and the JDK's argument and state exceptions (mistakes of
 * the caller or of our code).
 */
class ExceptionPolicyTest {

    private static final JavaClasses LIBRARY = ModuleClasses.library();

    /** What the library may throw besides MedDistill exceptions: a bad argument, a misuse, an impossible state. */
    private static final Set<Class<?>> CALLER_AND_BUG_EXCEPTIONS = Set.of(IllegalArgumentException.class,
            NullPointerException.class, IllegalStateException.class, UnsupportedOperationException.class,
            IndexOutOfBoundsException.class, java.util.NoSuchElementException.class);

    /**
     * The checked exceptions the published API may declare: blocking waits can be interrupted, and the two file
     * primitives that mirror {@link java.nio.file.Files} on the caller's own paths and readers.
     */
    private static final Set<String> ALLOWED_CHECKED = Set.of("java.lang.InterruptedException");
    private static final Set<String> FILE_PRIMITIVES = Set.of("io.github.meddistill.core.io.AtomicFiles",
            "io.github.meddistill.core.io.AtomicFiles$Content", "io.github.meddistill.core.context.TriggerFiles");

    @Test
    void should_declare_no_checked_exception_when_a_public_api_method_is_called() {
        assertThat(checkedExceptionsDeclaredByPublicApi(LIBRARY)).isEmpty();
    }

    @Test
    void should_throw_only_meddistill_jdk_argument_and_state_exceptions_when_library_code_fails() {
        assertThat(uncheckedExceptionsOutsideThePolicy(LIBRARY)).isEmpty();
    }

    @Test
    void should_report_the_violations_when_code_breaks_the_policy() {
        // given: classes that break each rule (this test's own fixtures below)
        JavaClasses broken = new ClassFileImporter().importClasses(DeclaresChecked.class, ThrowsUnchecked.class);

        // when / then: the checks can fail
        assertThat(checkedExceptionsDeclaredByPublicApi(broken)).singleElement().asString()
                .contains("DeclaresChecked").contains("java.io.IOException");
        assertThat(uncheckedExceptionsOutsideThePolicy(broken)).singleElement().asString()
                .contains("ThrowsUnchecked").contains("UncheckedIOException");
        assertThat(LIBRARY.stream().map(JavaClass::getPackageName).filter(p -> p.contains(".internal")).count())
                .isPositive();
    }

    private static List<String> checkedExceptionsDeclaredByPublicApi(JavaClasses classes) {
        List<String> found = new ArrayList<>();
        for (JavaClass type : classes) {
            if (!isPublicApi(type) || FILE_PRIMITIVES.contains(type.getName())) {
                continue;
            }
            for (JavaCodeUnit unit : type.getCodeUnits()) {
                if (!unit.getModifiers().contains(JavaModifier.PUBLIC)) {
                    continue;
                }
                unit.getThrowsClause().getTypes().stream()
                        .filter(thrown -> isChecked(thrown) && !ALLOWED_CHECKED.contains(thrown.getName()))
                        .forEach(thrown -> found.add(unit.getFullName() + " throws " + thrown.getName()));
            }
        }
        return found;
    }

    private static List<String> uncheckedExceptionsOutsideThePolicy(JavaClasses classes) {
        List<String> found = new ArrayList<>();
        for (JavaClass type : classes) {
            for (JavaConstructorCall call : type.getConstructorCallsFromSelf()) {
                JavaClass created = call.getTargetOwner();
                if (call.getOrigin().getOwner().getRawSuperclass().filter(created::equals).isPresent()) {
                    continue; // a constructor calling its superclass's, not a throw
                }
                if (!isA(created, RuntimeException.class)) {
                    continue; // not thrown unchecked; checked ones the compiler and the test above follow
                }
                boolean allowed = isA(created, MedDistillException.class)
                        || CALLER_AND_BUG_EXCEPTIONS.stream().anyMatch(c -> created.isEquivalentTo(c));
                if (!allowed) {
                    found.add(call.getOrigin().getFullName() + " creates " + created.getName() + " ("
                            + call.getSourceCodeLocation() + ")");
                }
            }
        }
        return found;
    }

    /** Through reflection, since ArchUnit does not import the JDK's class hierarchy. */
    private static boolean isA(JavaClass type, Class<?> supertype) {
        return supertype.isAssignableFrom(type.reflect());
    }

    private static boolean isChecked(JavaClass thrown) {
        return !isA(thrown, RuntimeException.class) && !isA(thrown, Error.class);
    }

    /** Public, in a published package: what a user on the class path or module path can call. */
    private static boolean isPublicApi(JavaClass type) {
        return type.getModifiers().contains(JavaModifier.PUBLIC) && !type.getPackageName().contains(".internal")
                && type.getPackageName().startsWith("io.github.meddistill.");
    }

    /** Fixture: a public method that declares a checked exception. */
    public static final class DeclaresChecked {
        public void read() throws java.io.IOException {
            throw new java.io.IOException("fixture");
        }
    }

    /** Fixture: code that throws an unchecked exception outside the policy. */
    static final class ThrowsUnchecked {
        void read() {
            throw new UncheckedIOException(new java.io.IOException("fixture"));
        }
    }
}
