package io.github.meddistill.examples.guide;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CustomTeacherExampleTest {

    @Test
    void should_print_each_teacher_and_both_combinations_when_run() {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            CustomTeacherExample.main(new String[0]);
        } finally {
            System.setOut(original);
        }
        String output = captured.toString(StandardCharsets.UTF_8);
        assertThat(output).contains("takes        [MEDICATION:lisinopril, MEDICATION:metformin, MEDICATION:aspirin]");
        assertThat(output).contains("DISEASE:pancreatitis");
        assertThat(output).contains("2-of-2 vote  [MEDICATION:lisinopril]");
    }
}
