package io.github.meddistill.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's Java sample, the main path from reading corpora to extracting with the student, compiles as written
 * (its imports on top, the statements as a method body) against the library, and stays short.
 */
class ReadmeSampleTest {

    private static final Path README = Path.of("..", "README.md");

    @TempDir
    Path classes;

    @Test
    void should_compile_as_written_when_the_readme_sample_is_copied_into_a_method() throws Exception {
        // given
        Sample sample = Sample.of(Files.readString(README, StandardCharsets.UTF_8));
        String source = String.join("\n", sample.imports()) + "\nclass Sample {\n    void run() {\n"
                + String.join("\n", sample.body()) + "\n    }\n}\n";

        // when
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        boolean compiled;
        try (StandardJavaFileManager files = compiler.getStandardFileManager(diagnostics, Locale.ROOT,
                StandardCharsets.UTF_8)) {
            compiled = compiler.getTask(null, files, diagnostics, List.of("-classpath",
                            System.getProperty("java.class.path"), "-d", classes.toString(), "-proc:none"), null,
                    List.of(new Source(source))).call();
        }

        // then
        assertThat(diagnostics.getDiagnostics()).as(source).filteredOn(d -> d.getKind() == javax.tools.Diagnostic.Kind.ERROR)
                .isEmpty();
        assertThat(compiled).isTrue();
        assertThat(sample.statements()).as("statements in the README sample").isBetween(5, 15);
    }

    @Test
    void should_count_statements_not_lines_when_a_call_spans_several_lines() {
        Sample sample = Sample.of("text\n```java\nimport a.B;\n\nint x = f(1,\n        2);  // one\ng(x);\n"
                + "try (R r = open()) {\n    h(r);\n}\n```\n");

        assertThat(sample.imports()).containsExactly("import a.B;");
        assertThat(sample.statements()).isEqualTo(4);
    }

    /** The first java block of a Markdown text: its import lines and the rest. */
    private record Sample(List<String> imports, List<String> body) {

        static Sample of(String markdown) {
            int start = markdown.indexOf("```java\n");
            assertThat(start).as("a ```java block in the README").isNotNegative();
            int end = markdown.indexOf("\n```", start + 8);
            List<String> imports = new ArrayList<>();
            List<String> body = new ArrayList<>();
            for (String line : markdown.substring(start + 8, end).split("\n", -1)) {
                (line.startsWith("import ") ? imports : body).add(line);
            }
            return new Sample(imports, body);
        }

        /** Statements: each ';' or block opened by '{' outside comments and strings (a try block counts once). */
        int statements() {
            int count = 0;
            for (String line : body) {
                String code = line.replaceAll("\"([^\"\\\\]|\\\\.)*\"", "\"\"").replaceAll("//.*", "");
                count += code.chars().filter(c -> c == ';').count();
                if (code.strip().startsWith("try ")) {
                    count++;
                }
            }
            return count;
        }
    }

    private static final class Source extends SimpleJavaFileObject {
        private final String code;

        Source(String code) {
            super(URI.create("string:///Sample.java"), Kind.SOURCE);
            this.code = code;
        }

        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return code;
        }
    }
}
