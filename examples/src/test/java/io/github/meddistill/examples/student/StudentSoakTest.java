package io.github.meddistill.examples.student;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StudentSoakTest {

    private static StudentSoak.Run run(int index, boolean crashed, int gradientSkips, long differing, double max) {
        return new StudentSoak.Run(index, crashed ? 134 : 0, crashed, 0, gradientSkips, 10, 0, differing, max, 1.0);
    }

    @Test
    void should_report_identical_weights_only_when_no_finished_run_differs() {
        StudentSoak.Result same = new StudentSoak.Result("MALLOC_PERTURB_=165", 300, 3,
                List.of(run(1, false, 0, 0, 0), run(2, true, 0, 0, 0), run(3, false, 0, 0, 0)));
        StudentSoak.Result different = new StudentSoak.Result("MALLOC_PERTURB_=165", 300, 3,
                List.of(run(1, false, 0, 0, 0), run(2, false, 1, 12, 7.8e-7)));

        assertThat(same.identicalWeights()).isTrue();
        assertThat(same.crashes()).isEqualTo(1);
        assertThat(different.identicalWeights()).isFalse();
        assertThat(different.maxWeightDifference()).isEqualTo(7.8e-7);
        assertThat(different.skippedNonFiniteGradient()).isEqualTo(1);
        assertThat(different.toJson()).contains("\"runs\":2", "\"crashes\":0", "\"skippedNonFiniteLoss\":0",
                "\"skippedNonFiniteGradient\":1", "\"identicalWeights\":false", "\"maxWeightDifference\":7.8E-7");
    }

    @Test
    void should_keep_the_lines_up_to_the_nth_blank_line_when_cutting_sentences(@TempDir Path dir) throws Exception {
        Path conll = dir.resolve("train.tsv");
        Files.write(conll, List.of("a\tO", "b\tB-DISEASE", "", "c\tO", "", "d\tO", ""));

        assertThat(StudentSoak.leadingSentences(conll, 2)).containsExactly("a\tO", "b\tB-DISEASE", "", "c\tO", "");
    }
}
