package io.github.meddistill.student.internal;

import java.util.List;

/**
 * Each entity type's share of the words of label sequences as the trainer encodes them: the gold share that the
 * expected entity ratio aims for, the hidden share that the positive-unlabelled risk corrects for.
 */
final class TypeShares {

    private TypeShares() {
    }

    /**
     * The type index of each tag, -1 for outside and for tags of other types.
     *
     * @param tags the label names by id, {@code "O"} first, then {@code B-TYPE}, {@code I-TYPE} and the like
     */
    static int[] typeOfTag(List<String> tags, List<String> types) {
        int[] typeOfTag = new int[tags.size()];
        for (int tag = 0; tag < tags.size(); tag++) {
            String name = tags.get(tag);
            int dash = name.indexOf('-');
            typeOfTag[tag] = dash < 0 ? -1 : types.indexOf(name.substring(dash + 1));
        }
        return typeOfTag;
    }

    /**
     * Per type, the share of the words ({@link TokenClassificationCodec#IGNORED} positions do not count) labelled
     * with one of its tags, in the order of {@code types}.
     *
     * @param what names the labels in the error
     * @throws IllegalArgumentException if the labels contain no word
     */
    static double[] of(List<String> tags, List<String> types, List<int[]> labels, String what) {
        int[] typeOfTag = typeOfTag(tags, types);
        long[] counts = new long[types.size()];
        long words = 0;
        for (int[] sequence : labels) {
            for (int label : sequence) {
                if (label < 0) {
                    continue;
                }
                words++;
                if (typeOfTag[label] >= 0) {
                    counts[typeOfTag[label]]++;
                }
            }
        }
        if (words == 0) {
            throw new IllegalArgumentException("the " + what + " contains no words");
        }
        double[] shares = new double[types.size()];
        for (int type = 0; type < types.size(); type++) {
            shares[type] = (double) counts[type] / words;
        }
        return shares;
    }
}
