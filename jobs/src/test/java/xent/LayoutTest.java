package xent;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The driver side's arrows point one way: udf's engine <- the job libraries and their shared
 * numerics <- report (reads outputs, writes pages) <- demo (composes jobs) <- cli (parses, prints,
 * exits). Main classes of both modules only; a package and its subpackages are one slice, so the
 * model families under xent.model count as xent.model.
 */
@Tag("fast")
class LayoutTest {

  private static final String[] ENGINE =
      {"xent.model..", "xent.score..", "xent.tokenize..", "xent.detect..", "xent.generate.."};

  private static final String[] JOBS = {"xent", "xent.scoring..", "xent.map..", "xent.mixture..",
      "xent.scaling..", "xent.train..", "xent.corpora..", "xent.bench..", "xent.optimize..", "xent.table..",
      "xent.sampling..", "xent.statistics..", "xent.clock..", "xent.page..", "xent.inventory..",
      "xent.notebook..", "xent.detection.."};

  private static JavaClasses mainClasses;

  @BeforeAll
  static void importMainClasses() {
    mainClasses = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .withImportOption(LayoutTest::xentClassesOnly)
        .importPackages("xent");
  }

  // Under `mvn test` the udf module is its target/classes folder; under `mvn verify` the reactor
  // hands jobs udf's packaged jar instead, so that jar is read too. Other jars (libraries, the udf
  // test-jar) are not xent's main code.
  private static boolean xentClassesOnly(Location location) {
    if (!location.isJar()) {
      return true;
    }
    return location.contains("xent-udf-") && !location.contains("-tests.jar");
  }

  @Test
  void noPackageDependsOnItselfThroughAnother() {
    slices().matching("xent.(*)..").should().beFreeOfCycles().check(mainClasses);
  }

  /** A package outside every layer would escape the layer rule unseen: each belongs to one. */
  @Test
  void everyPackageBelongsToALayer() {
    java.util.List<String> all = new java.util.ArrayList<>(java.util.List.of(ENGINE));
    all.addAll(java.util.List.of(JOBS));
    all.addAll(java.util.List.of("xent.report..", "xent.demo..", "xent.cli.."));
    classes().should().resideInAnyPackage(all.toArray(String[]::new)).check(mainClasses);
  }

  /** The executor's jar holds the engine alone: no driver-side package hides in udf's main code. */
  @Test
  void udfMainCodeHoldsOnlyEnginePackages() {
    classes().that(DescribedPredicate.describe("come from the udf module",
            (JavaClass c) -> c.getSource().map(s -> s.getUri().toString())
                .filter(uri -> uri.contains("/udf/target/classes/") || uri.contains("/xent-udf-")).isPresent()))
        .should().resideInAnyPackage(ENGINE).check(mainClasses);
  }

  @Test
  void noPackageImportsFromALayerAboveIt() {
    layeredArchitecture().consideringOnlyDependenciesInLayers()
        .layer("engine").definedBy(ENGINE)
        .layer("jobs").definedBy(JOBS)
        .layer("report").definedBy("xent.report..")
        .layer("demo").definedBy("xent.demo..")
        .layer("cli").definedBy("xent.cli..")
        .whereLayer("cli").mayNotBeAccessedByAnyLayer()
        .whereLayer("demo").mayOnlyBeAccessedByLayers("cli")
        .whereLayer("report").mayOnlyBeAccessedByLayers("demo", "cli")
        .whereLayer("jobs").mayOnlyBeAccessedByLayers("report", "demo", "cli")
        .whereLayer("engine").mayOnlyBeAccessedByLayers("jobs", "report", "demo", "cli")
        .check(mainClasses);
  }
}
