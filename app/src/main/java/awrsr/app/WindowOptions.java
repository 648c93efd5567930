package awrsr.app;

import awrsr.checkpoint.TrainingSettings;
import awrsr.util.Home;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

/** The window's start options, parsed before JavaFX starts: a bad one ends in one line and exit code 2. */
@Command(name = "awrsr-workbench", mixinStandardHelpOptions = true, versionProvider = WindowOptions.Version.class,
        description = "See what the attention of a sequential recommender does.")
public final class WindowOptions {
    @Option(names = "--model", paramLabel = "DIR", description = "checkpoint folder (default: the shipped AWRSR model)")
    Path model;

    @Option(names = "--data", paramLabel = "SPEC", description = "movielens-small, a folder or a file (default: ${DEFAULT-VALUE})")
    String data = "movielens-small";

    @Option(names = "--user", paramLabel = "ID", description = "user whose history opens first")
    Integer user;

    @Option(names = "--verbose", description = "log everything, also on stderr")
    boolean verbose;

    @Option(names = "--screenshot", paramLabel = "FILE", description = "save a PNG of the window once it shows a result, then quit")
    Path screenshot;

    @Option(names = "--latency-bench", arity = "0..1", fallbackValue = "200", paramLabel = "N",
            description = "time edit -> screen over N edits and print the figures as JSON (default N: 200)")
    Integer latencyBench;

    @Option(names = "--startup-time", description = "print the time from launch to the first result, then quit")
    boolean startupTime;

    @Option(names = "--train", description = "start training on the shipped data in the Train tab")
    boolean train;

    @Option(names = "--epochs", paramLabel = "N", description = "with --train: epochs")
    Integer epochs;

    @Option(names = "--out", paramLabel = "DIR", description = "with --train: checkpoint folder")
    String out;

    @Option(names = "--shot-after", paramLabel = "N", description = "with --train --screenshot: epochs before the shot (default: ${DEFAULT-VALUE})")
    int shotAfter = 5;

    @Option(names = "--analyse", description = "open the Analyse tab and analyse the model on the data")
    boolean analyse;

    @Option(names = "--presentation", description = "start in presentation mode (full screen, large fonts; F5 leaves it)")
    boolean presentation;

    @Option(names = "--lesson", paramLabel = "FILE", description = "open this lesson (.awrsr-lesson) and show its first scene")
    Path lesson;

    @Option(names = "--scene", paramLabel = "N", description = "with --lesson: the scene to show (default: ${DEFAULT-VALUE})")
    int scene = 1;

    @Option(names = "--map", paramLabel = "TITLE", description = "draw this map of the head alone, by the start of its title (\"Refined\", \"Raw\")")
    String map;

    @Option(names = "--high-contrast", description = "start with View → High contrast on")
    boolean highContrast;

    @Option(names = "--occlusion", description = "start with occlusion ticked in Explore and Analyse (each item also masked in place)")
    boolean occlusion;

    @Option(names = "--explain-cell", paramLabel = "MAP:ROW:COLUMN", description = "open \"how is this cell computed\" "
            + "for a cell of the selected head's map (raw, refined, refinement, covariance; rows and columns from 1), "
            + "e.g. refined:12:5")
    String explainCell;

    public String explainCell() { return explainCell; }
    public boolean highContrast() { return highContrast; }
    public boolean occlusion() { return occlusion; }
    public String map() { return map; }
    public boolean presentation() { return presentation; }
    public Path lesson() { return lesson; }
    public int scene() { return scene; }

    public boolean analyse() { return analyse; }
    public Path model() { return model != null ? model : Home.defaultModel(); }
    public String data() { return data; }
    public Integer user() { return user; }
    public boolean verbose() { return verbose; }
    public Path screenshot() { return screenshot; }
    public Integer latencyBench() { return latencyBench; }
    public boolean startupTime() { return startupTime; }
    public boolean train() { return train; }
    public Integer epochs() { return epochs; }
    public String out() { return out; }
    public int shotAfter() { return shotAfter; }

    /** The outcome of parsing: options to start with, or text to print and an exit code. */
    public record Parsed(WindowOptions options, String text, int exitCode) {}

    /** Parses the arguments as given (none is split or joined); checks every number against its bounds. */
    public static Parsed parse(String... args) {
        WindowOptions o = new WindowOptions();
        CommandLine cl = new CommandLine(o);
        try {
            cl.parseArgs(args);
            if (cl.isUsageHelpRequested()) {
                return new Parsed(null, cl.getUsageMessage(), 0);
            }
            if (cl.isVersionHelpRequested()) {
                StringWriter w = new StringWriter();
                cl.printVersionHelp(new PrintWriter(w));
                return new Parsed(null, w.toString(), 0);
            }
            o.check(cl);
            return new Parsed(o, null, -1);
        } catch (CommandLine.ParameterException e) {
            return new Parsed(null, "awrsr-workbench: " + awrsr.util.Text.quote(e.getMessage()).replaceAll("^'|'$", "")
                    + " (see awrsr-workbench --help)", 2);
        }
    }

    private void check(CommandLine cl) {
        bound(cl, "--user", user, 0, Integer.MAX_VALUE);
        bound(cl, "--latency-bench", latencyBench, 1, 1_000_000);
        bound(cl, "--epochs", epochs, 1, TrainingSettings.MAX_EPOCHS);
        bound(cl, "--shot-after", shotAfter, 1, TrainingSettings.MAX_EPOCHS);
        bound(cl, "--scene", scene, 1, 100_000);
    }

    private static void bound(CommandLine cl, String name, Integer value, int min, int max) {
        if (value != null && (value < min || value > max)) {
            throw new CommandLine.ParameterException(cl, name + " must be from " + min + " to " + max + ", got " + value);
        }
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            Package p = WindowOptions.class.getPackage();
            return new String[] {"AWRSR Workbench " + (p != null && p.getImplementationVersion() != null
                    ? p.getImplementationVersion() : "(development build)")};
        }
    }
}
