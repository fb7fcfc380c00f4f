package io.github.meddistill.examples.guide;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.meddistill.core.Document;
import io.github.meddistill.core.Entity;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the example on a tiny RxNorm and SNOMED CT release written in the published formats (invented rows). */
class TerminologyTeachersExampleTest {

    @TempDir
    Path dir;

    @Test
    void should_label_medications_from_rxnorm_and_disorders_and_findings_from_snomed_when_given_release_files()
            throws IOException {
        Path rrf = Files.createDirectories(dir.resolve("RxNorm_full_01062025/rrf"));
        Files.writeString(rrf.resolve("RXNCONSO.RRF"), String.join("\n",
                "6809|ENG||||||2560432|2560432|6809||RXNORM|IN|6809|metformin||N|4096|",
                "29046|ENG||||||1361032|1361032|29046||RXNORM|IN|29046|lisinopril||N|4096|",
                "") , StandardCharsets.UTF_8);
        Path terminology = Files.createDirectories(dir.resolve("SnomedCT_TestRF2_PRODUCTION_20250101T120000Z/Snapshot/Terminology"));
        Files.writeString(terminology.resolve("sct2_Concept_Snapshot_INT_20250101.txt"), String.join("\r\n",
                "id\teffectiveTime\tactive\tmoduleId\tdefinitionStatusId",
                "44054006\t20020131\t1\t900000000000207008\t900000000000074008",
                "25064002\t20020131\t1\t900000000000207008\t900000000000073002",
                ""), StandardCharsets.UTF_8);
        Files.writeString(terminology.resolve("sct2_Description_Snapshot-en_INT_20250101.txt"), String.join("\r\n",
                "id\teffectiveTime\tactive\tmoduleId\tconceptId\tlanguageCode\ttypeId\tterm\tcaseSignificanceId",
                "197761014\t20020131\t1\t900000000000207008\t44054006\ten\t900000000000003001\tDiabetes mellitus type 2 (disorder)\t900000000000448009",
                "197762019\t20020131\t1\t900000000000207008\t44054006\ten\t900000000000013009\ttype 2 diabetes\t900000000000448009",
                "41990019\t20020131\t1\t900000000000207008\t25064002\ten\t900000000000003001\tHeadache (finding)\t900000000000448009",
                "41991015\t20020131\t1\t900000000000207008\t25064002\ten\t900000000000013009\theadache\t900000000000448009",
                ""), StandardCharsets.UTF_8);

        var teacher = TerminologyTeachersExample.teacher(rrf.getParent(), dir.resolve("SnomedCT_TestRF2_PRODUCTION_20250101T120000Z"));
        var labels = teacher.annotate(new Document("n", "Metformin for type 2 diabetes; reports headache. Lisinopril held."));

        assertThat(labels.entities()).extracting(e -> e.type() + ":" + e.text()).containsExactly(
                "MEDICATION:Metformin", "DISEASE:type 2 diabetes", "SYMPTOM:headache", "MEDICATION:Lisinopril");
        assertThat(labels.entities()).extracting(Entity::start).containsExactly(0, 14, 39, 49);
    }
}
