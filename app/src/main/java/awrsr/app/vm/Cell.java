package awrsr.app.vm;

/** A cell of one head's maps: row = query (reading position), column = key (item read). */
public record Cell(int layer, int head, int row, int column) {}
