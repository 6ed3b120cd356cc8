package cairn;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The appliance's packages follow the data path (README, "The data path"): a package may use the
 * ones before it in {@link #DATA_FLOW} and the foundations, never one after it, and no two packages
 * depend on each other.
 */
class ArchitectureTest {
  /** Used by every stage; they use no other package of the appliance. */
  static final List<String> FOUNDATIONS = List.of("base", "bus", "time", "supervise");

  /** Upstream first. A package may depend only on those before it. */
  static final List<String> DATA_FLOW = List.of("config", "capture", "analysis", "encode", "segment", "spool",
      "uplink", "link", "rate", "health", "mqtt", "app");

  private static final JavaClasses MAIN = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
      .importPackages("cairn");

  /** One rule per package: no dependency on anything downstream of it. */
  static List<ArchRule> layerRules() {
    List<ArchRule> rules = new ArrayList<>();
    for (String foundation : FOUNDATIONS) {
      rules.add(noClasses().that().resideInAPackage("cairn." + foundation + "..")
          .should().dependOnClassesThat().resideInAnyPackage(appliancePackages(DATA_FLOW))
          .because("cairn." + foundation + " is a foundation every stage may use"));
    }
    for (int i = 0; i < DATA_FLOW.size(); i++) {
      List<String> downstream = DATA_FLOW.subList(i + 1, DATA_FLOW.size());
      if (downstream.isEmpty()) {
        continue;
      }
      rules.add(noClasses().that().resideInAPackage("cairn." + DATA_FLOW.get(i) + "..")
          .should().dependOnClassesThat().resideInAnyPackage(appliancePackages(downstream))
          .because("cairn." + DATA_FLOW.get(i) + " comes before " + String.join(", ", downstream)
              + " in the data path"));
    }
    return rules;
  }

  static ArchRule noCycles() {
    return slices().matching("cairn.(*)..").should().beFreeOfCycles();
  }

  private static String[] appliancePackages(List<String> names) {
    return names.stream().map(n -> "cairn." + n + "..").toArray(String[]::new);
  }

  @Test
  void noPackageImportsDownstream() {
    layerRules().forEach(rule -> rule.check(MAIN));
  }

  @Test
  void packagesFormNoCycle() {
    noCycles().check(MAIN);
  }

  @Test
  void everyPackageHasItsPlaceInTheOrder() {
    Set<String> unplaced = new TreeSet<>();
    for (JavaClass c : MAIN) {
      String[] parts = c.getPackageName().split("\\.");
      // hardware and ota are modules of their own, below the appliance (they cannot import it).
      if (parts.length >= 2 && parts[0].equals("cairn") && !parts[1].equals("hardware") && !parts[1].equals("ota")
          && !FOUNDATIONS.contains(parts[1]) && !DATA_FLOW.contains(parts[1])) {
        unplaced.add(c.getPackageName());
      }
    }
    assertEquals(Set.of(), unplaced, "add new packages to ArchitectureTest.DATA_FLOW (and the README)");
  }

  /** The rules are not vacuous: a class of config that reaches into app is caught, with its name. */
  @Test
  void aDownstreamImportFails() {
    JavaClasses bad = new ClassFileImporter().importClasses(cairn.config.DownstreamImportFixture.class);
    ArchRule configRule = layerRules().get(FOUNDATIONS.size() + DATA_FLOW.indexOf("config"));
    AssertionError e = assertThrows(AssertionError.class, () -> configRule.check(bad));
    assertTrue(e.getMessage().contains("cairn.config.DownstreamImportFixture"), e.getMessage());
    assertTrue(e.getMessage().contains("cairn.app.Main"), e.getMessage());
  }
}
