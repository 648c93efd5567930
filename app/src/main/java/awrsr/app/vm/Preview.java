package awrsr.app.vm;

import java.util.List;

/**
 * A what-if: the prediction for an edit that is not made yet.
 *
 * @param description the edit in words ("without Pulp Fiction")
 * @param position the position of the item in the whole history
 * @param moveToEnd true: the item moves to the end; false: it is removed
 * @param rows the predictions of the edited history, with their change against those on screen
 * @param targetLine what the edit does to the explained item ("The Avengers: rank 1 → 14"), or ""
 */
public record Preview(String description, int position, boolean moveToEnd, List<PredictionRow> rows,
                      String targetLine) {}
