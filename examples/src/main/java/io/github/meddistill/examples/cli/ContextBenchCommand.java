package io.github.meddistill.examples.cli;

import io.github.meddistill.core.context.ContextEngine;
import io.github.meddistill.core.context.TriggerFiles;
import io.github.meddistill.examples.context.ContextBenchmark;
import io.github.meddistill.student.BertStudent;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code meddistill bench context --data DIR [--model DIR] [--split test|train] [--triggers FILE] [--json]}: assertion
 * status on Chia and MACCROBAT, concept linking on NCBI-disease and BC5CDR, and the overhead of both against a saved
 * student's extraction (see {@link ContextBenchmark}). With {@code --json} the last line carries {@code negated} and
 * {@code uncertain} ({@code precision}, {@code recall}, {@code f1}, {@code baselineF1}, per corpus under
 * {@code byCorpus}), {@code linking} (per corpus: {@code accuracyAt1}, {@code accuracyAt5}, {@code ceiling},
 * {@code split}, {@code examples}; the {@code +examples} rows link with the train split's gold as link examples and
 * score dev with {@code --split train}) and {@code overheadFraction}.
 */
@Command(name = "context", mixinStandardHelpOptions = true,
        description = "Assertion status (Chia, MACCROBAT), concept linking (NCBI-disease, BC5CDR) and their overhead.")
public final class ContextBenchCommand implements Callable<Integer> {

    @Option(names = "--data", required = true, paramLabel = "DIR",
            description = "Data folder laid out like ../shared/data (chia/, maccrobat/, ncbi_disease/, bc5cdr/, lexicons/).")
    Path data;

    @Option(names = "--model", paramLabel = "DIR",
            description = "A saved student, to measure the overhead against its extraction on the NCBI-disease notes.")
    Path model;

    @Option(names = "--split", paramLabel = "SPLIT", defaultValue = "test",
            description = "Which split to score: test (report) or train (tune; the linking rows with train-split"
                    + " examples then score dev); default ${DEFAULT-VALUE}.")
    String split;

    @Option(names = "--triggers", paramLabel = "FILE",
            description = "Extra ConText triggers (phrase<TAB>KIND<TAB>CATEGORY lines) added to the defaults.")
    Path triggers;

    @Option(names = "--json", description = "Print the result as one JSON object on the last line.")
    boolean json;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        for (String folder : new String[] {"chia", "maccrobat", "ncbi_disease", "bc5cdr", "lexicons"}) {
            if (!Files.isDirectory(data.resolve(folder))) {
                throw new IllegalArgumentException("--data " + data + ": expected a folder with " + folder
                        + "/ as in ../shared/data, found none");
            }
        }
        ContextBenchmark.Split which = switch (split) {
            case "test" -> ContextBenchmark.Split.TEST;
            case "train" -> ContextBenchmark.Split.TRAIN;
            default -> throw new IllegalArgumentException("--split: expected test or train, found '" + split + "'");
        };
        ContextEngine.Builder engine = ContextEngine.builder();
        ContextEngine.Builder criteria = ContextBenchmark.criteriaProfile(ContextEngine.builder());
        if (triggers != null) {
            engine.addTriggers(TriggerFiles.read(triggers));
            criteria.addTriggers(TriggerFiles.read(triggers));
        }
        ContextBenchmark.Result result;
        if (model != null) {
            try (BertStudent student = BertStudent.load(model)) {
                result = ContextBenchmark.run(data, which, engine.build(), criteria.build(), student);
            }
        } else {
            result = ContextBenchmark.run(data, which, engine.build(), criteria.build(), null);
        }
        out.print(result.toTable());
        if (json) {
            out.println(result.toJson());
        }
        out.flush();
        return 0;
    }
}
