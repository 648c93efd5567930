package awrsr.nn;

import java.util.function.Supplier;

/** The registry of backbones: the name a config uses and the class that implements it. */
public enum BackboneKind {
    /** Self-attentive sequential recommendation (Kang and McAuley 2018), as docs/model.md defines it. */
    SASREC("SASRec", SasRec::new),
    /** Stochastic self-attention (Fan et al. 2022): Gaussian items, Wasserstein attention (stosa-model.md). */
    STOSA("STOSA", Stosa::new);

    private final String displayName;
    private final Backbone backbone;

    BackboneKind(String displayName, Supplier<Backbone> backbone) {
        this.displayName = displayName;
        this.backbone = backbone.get();
    }

    public Backbone backbone() { return backbone; }
    public String displayName() { return displayName; }

    public String id() {
        return awrsr.util.EnumIds.id(this);
    }

    public static BackboneKind parse(String text) {
        return awrsr.util.EnumIds.parse(values(), text, "backbone");
    }
}
