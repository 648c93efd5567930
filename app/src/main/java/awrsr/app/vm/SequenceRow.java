package awrsr.app.vm;

/**
 * One item of the edited history as the list shows it.
 *
 * @param position 0-based position in the whole history
 * @param inWindow whether the model reads it (the last n items)
 */
public record SequenceRow(int position, int item, String title, Integer year, String genres, boolean inWindow) {
    public String label() {
        return title + (year == null ? "" : " (" + year + ")");
    }
}
