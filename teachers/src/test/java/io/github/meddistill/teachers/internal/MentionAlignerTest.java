package io.github.meddistill.teachers.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.meddistill.core.Entity;
import io.github.meddistill.core.EntityType;
import io.github.meddistill.teachers.UnalignedMention;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MentionAlignerTest {

    private final MentionAligner aligner = new MentionAligner(Set.of(EntityType.MEDICATION, EntityType.SYMPTOM,
            EntityType.DISEASE));

    @Test
    void should_find_every_exact_occurrence_when_mention_repeats() {
        String text = "Pain in chest; pain worse at night. Painful joints.";
        MentionAligner.Alignment a = aligner.align(List.of(new Mention("pain", "SYMPTOM")), text, 0);
        // "Pain" (other case) is not an exact match and "Painful" is inside a longer word
        assertThat(a.entities()).containsExactly(Entity.of(text, 15, 19, EntityType.SYMPTOM));
        assertThat(a.unaligned()).isEmpty();
    }

    @Test
    void should_match_case_and_whitespace_insensitively_when_no_exact_occurrence() {
        String text = "Hx: TYPE 2\r\nDIABETES, type 2 diabetes controlled.";
        MentionAligner.Alignment a = aligner.align(List.of(new Mention("Type 2 Diabetes", "disease")), text, 100);
        assertThat(a.entities()).containsExactly(
                new Entity(104, 120, EntityType.DISEASE, "TYPE 2\r\nDIABETES"),
                new Entity(122, 137, EntityType.DISEASE, "type 2 diabetes"));
    }

    @Test
    void should_report_and_not_guess_when_mention_is_missing_or_type_not_requested() {
        String text = "Takes metformin.";
        MentionAligner.Alignment a = aligner.align(List.of(new Mention("metformn", "MEDICATION"),
                new Mention("metformin", "PROCEDURE"), new Mention("metformin", "not a type!"),
                new Mention("  ", "MEDICATION")), text, 0);
        assertThat(a.entities()).isEmpty();
        assertThat(a.unaligned()).extracting(UnalignedMention::reason).containsExactly(
                UnalignedMention.Reason.NOT_IN_TEXT, UnalignedMention.Reason.TYPE_NOT_REQUESTED,
                UnalignedMention.Reason.TYPE_NOT_REQUESTED, UnalignedMention.Reason.NOT_IN_TEXT);
    }

    @Test
    void should_align_unicode_and_punctuated_mentions_when_present() {
        String text = "Allergic to co-trimoxazole; Sjögren's syndrome; 5-FU given.";
        MentionAligner.Alignment a = aligner.align(List.of(new Mention("co-trimoxazole", "MEDICATION"),
                new Mention("sjögren's syndrome", "DISEASE"), new Mention("5-FU", "MEDICATION")), text, 0);
        assertThat(a.entities()).extracting(Entity::text).containsExactly("co-trimoxazole", "Sjögren's syndrome", "5-FU");
    }
}
