package awrsr.infer;

import java.util.List;

/** A sequence named items the model was not trained on. */
public class UnknownItemException extends IllegalArgumentException {
    private final List<Integer> unknown;

    public UnknownItemException(List<Integer> unknown, int catalogSize) {
        super("unknown item id" + (unknown.size() == 1 ? " " : "s ") + abbreviate(unknown)
                + ": not among the model's " + catalogSize + " items");
        this.unknown = List.copyOf(unknown);
    }

    public List<Integer> unknownIds() {
        return unknown;
    }

    private static String abbreviate(List<Integer> ids) {
        List<Integer> head = ids.size() > 10 ? ids.subList(0, 10) : ids;
        String s = head.toString().replaceAll("[\\[\\]]", "");
        return ids.size() > 10 ? s + ", ... (" + ids.size() + " in all)" : s;
    }
}
