package awrsr.eval;

/** Scores every item (model indices 0..V) after each of a batch of histories (model indices, oldest first). */
@FunctionalInterface
public interface SequenceScorer {
    float[][] score(int[][] histories);
}
