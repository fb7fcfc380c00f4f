package io.github.meddistill.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DemoSettingsTest {

    @Test
    void should_leave_the_gold_trained_reference_to_the_full_run_when_built_from_the_defaults() {
        DemoSettings defaults = DemoSettings.defaults(Path.of("out"));
        DemoSettings full = DemoSettings.full(Path.of("out"));

        assertThat(defaults.goldStudent()).isFalse();
        assertThat(full.goldStudent()).isTrue();
        assertThat(defaults.mtSamplesNotes()).isEqualTo(full.mtSamplesNotes()).isEqualTo(200);
        assertThat(defaults.tasks()).filteredOn(DemoTask::clinical).extracting(DemoTask::name)
                .containsExactly("maccrobat");
    }

    @Test
    void should_name_the_count_when_the_mtsamples_notes_are_negative() {
        DemoSettings d = DemoSettings.defaults(Path.of("out"));

        assertThatThrownBy(() -> new DemoSettings(d.outputDirectory(), d.tasks(), d.trainDocuments(),
                d.devDocuments(), d.testDocuments(), -1, d.encoder(), d.epochs(), d.minSteps(), d.batchSize(),
                d.learningRate(), d.outsideWeight(), d.propagateAbbreviations(), d.selfTrainingRounds(),
                d.reliabilityWeights(), d.positiveUnlabelled(), d.unknownMentions(), d.goldStudent(),
                Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("MTSamples notes must be 0 (none) or positive, found -1");
    }
}
