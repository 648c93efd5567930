package awrsr.app.vm;

/**
 * One recommended item, with what the last edit did to it.
 *
 * @param change "new", "up n", "down n" or "" (same place), relative to the previous prediction
 */
public record PredictionRow(int rank, int item, String title, float score, String change) {
    static String change(Integer previousRank, int rank) {
        if (previousRank == null) {
            return "new";
        }
        int delta = previousRank - rank;
        return delta > 0 ? "up " + delta : delta < 0 ? "down " + (-delta) : "";
    }
}
