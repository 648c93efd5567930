package awrsr.train;

/** One epoch's log line: mean training loss, validation HR@10 and NDCG@10 (full protocol), time. */
public record EpochReport(int epoch, double loss, double validationHr10, double validationNdcg10, double seconds,
                          boolean improved) {
    public String logLine() {
        return String.format(java.util.Locale.ROOT,
                "epoch %3d  loss %.4f  val HR@10 %.4f  NDCG@10 %.4f  %.1fs%s",
                epoch, loss, validationHr10, validationNdcg10, seconds, improved ? "  *" : "");
    }
}
