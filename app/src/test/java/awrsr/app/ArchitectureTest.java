package awrsr.app;

import com.tngtech.archunit.core.domain.JavaCall;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.properties.HasOwner;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The workbench's layering, checked on the compiled classes: the root package (launcher, application,
 * main window) wires views, view-models and storage; views use view-models, view-models use storage,
 * storage uses neither; views and storage never touch the engine; views see the model only through
 * {@code awrsr.infer} and their view-models; only the root builds view-models.
 */
@AnalyzeClasses(packages = "awrsr.app", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
    @ArchTest
    static final ArchRule noPackageCycles = slices().matching("awrsr.app.(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule onlyTheRootWiresTheParts = noClasses()
            .that().resideInAnyPackage("awrsr.app.view..", "awrsr.app.vm..", "awrsr.app.io..")
            .should().dependOnClassesThat().resideInAPackage("awrsr.app");

    @ArchTest
    static final ArchRule viewModelsNeverKnowTheirViews = noClasses()
            .that().resideInAPackage("awrsr.app.vm..")
            .should().dependOnClassesThat().resideInAPackage("awrsr.app.view..");

    @ArchTest
    static final ArchRule storageKnowsNeitherViewsNorViewModels = noClasses()
            .that().resideInAPackage("awrsr.app.io..")
            .should().dependOnClassesThat().resideInAnyPackage("awrsr.app.view..", "awrsr.app.vm..");

    @ArchTest
    static final ArchRule viewsAndStorageNeverTouchTheEngine = noClasses()
            .that().resideInAnyPackage("awrsr.app.view..", "awrsr.app.io..")
            .should().dependOnClassesThat().resideInAPackage("ai.djl..");

    @ArchTest
    static final ArchRule viewsSeeTheModelOnlyThroughInference = noClasses()
            .that().resideInAPackage("awrsr.app.view..")
            .should().dependOnClassesThat().resideInAnyPackage("awrsr.nn..", "awrsr.train..", "awrsr.data..",
                    "awrsr.checkpoint..", "awrsr.eval..", "awrsr.bench..", "awrsr.cli..");

    @ArchTest
    static final ArchRule onlyTheRootBuildsViewModels = noClasses()
            .that().resideOutsideOfPackage("awrsr.app")
            .should().callConstructorWhere(JavaCall.Predicates.target(HasOwner.Predicates.With.owner(
                    JavaClass.Predicates.simpleNameEndingWith("ViewModel"))))
            .because("views get their view-models handed to them; one place wires the window");
}
