package awrsr.infer;

/** One recommended item: its dataset id, title, score and 0-based position in the list. */
public record RankedItem(int rank, int item, String title, float score) {}
