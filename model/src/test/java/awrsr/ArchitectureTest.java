package awrsr;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The model module's layering, checked on the compiled classes (an inline fully qualified name counts as
 * much as an import). data -> sequences -> nn (train) -> checkpoint -> infer -> trace -> analysis: the
 * on-disk format knows neither who writes it nor who reads it, and inference never reaches into training
 * or the dataset-wide analyses built on it.
 */
@AnalyzeClasses(packages = "awrsr", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
    @ArchTest
    static final ArchRule noPackageCycles = slices().matching("awrsr.(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule theModelNeverKnowsAWindowExists = noClasses().should()
            .dependOnClassesThat().resideInAnyPackage("javafx..", "org.controlsfx..", "org.jfree..");

    @ArchTest
    static final ArchRule checkpointsKnowNeitherTrainingNorInference = noClasses()
            .that().resideInAPackage("awrsr.checkpoint..")
            .should().dependOnClassesThat().resideInAnyPackage("awrsr.train..", "awrsr.infer..", "awrsr.eval..",
                    "awrsr.analysis..", "awrsr.cli..", "awrsr.bench..");

    @ArchTest
    static final ArchRule inferenceNeverReachesIntoTraining = noClasses()
            .that().resideInAPackage("awrsr.infer..")
            .should().dependOnClassesThat().resideInAnyPackage("awrsr.train..", "awrsr.analysis..", "awrsr.cli..",
                    "awrsr.bench..");

    @ArchTest
    static final ArchRule theNetworkIsALeafOfTheModel = noClasses()
            .that().resideInAnyPackage("awrsr.nn..", "awrsr.data..", "awrsr.util..")
            .should().dependOnClassesThat().resideInAnyPackage("awrsr.train..", "awrsr.infer..", "awrsr.eval..",
                    "awrsr.checkpoint..", "awrsr.analysis..", "awrsr.cli..", "awrsr.bench..");

    /** The engine admits one gradient collector at a time in the process: every recording goes through the lock. */
    @ArchTest
    static final ArchRule gradientsAreRecordedThroughTheLock = noClasses()
            .that().doNotHaveFullyQualifiedName("awrsr.nn.GradientMode")
            .should().callMethod(ai.djl.engine.Engine.class, "newGradientCollector");

    /**
     * DJL's NDArray methods that take a Number make the constant from Java memory that the autograd graph
     * reads after the JVM may have freed it (see {@link awrsr.nn.Scalars}); all such arithmetic goes through
     * Scalars, and no array is made from a lone Java number.
     */
    @ArchTest
    static final ArchRule constantsAreMadeByTheEngine = noClasses()
            .that().doNotHaveFullyQualifiedName("awrsr.nn.Scalars")
            .should().callMethodWhere(new com.tngtech.archunit.base.DescribedPredicate<
                    com.tngtech.archunit.core.domain.JavaMethodCall>("an NDArray method taking a Number, or NDManager.create of one") {
                @Override
                public boolean test(com.tngtech.archunit.core.domain.JavaMethodCall call) {
                    var target = call.getTarget();
                    var params = target.getRawParameterTypes();
                    if (target.getOwner().isAssignableTo(ai.djl.ndarray.NDArray.class)) {
                        return params.stream().anyMatch(p -> p.isEquivalentTo(Number.class));
                    }
                    return target.getOwner().isAssignableTo(ai.djl.ndarray.NDManager.class)
                            && target.getName().equals("create") && params.size() == 1
                            && (params.get(0).isPrimitive() || params.get(0).isEquivalentTo(Number.class));
                }
            });
}
