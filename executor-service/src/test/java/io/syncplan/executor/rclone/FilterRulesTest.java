package io.syncplan.executor.rclone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.syncplan.contracts.plan.FilterPreset;
import io.syncplan.contracts.plan.FilterSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

class FilterRulesTest {

  @Test
  void syncplansFolderFirstThenExcludesThenIncludesThenEverythingElseLeftOut() {
    List<String> rules =
        FilterRules.of(
            new FilterSpec(
                List.of("photos/", "*.pdf"), List.of("*.raw"), List.of(FilterPreset.BUILD_OUTPUT)));

    assertThat(rules.get(0)).isEqualTo("- /.syncplan/**");
    assertThat(rules.get(1)).isEqualTo("- *.raw");
    assertThat(rules).contains("- node_modules/**");
    assertThat(rules.subList(rules.size() - 4, rules.size()))
        .containsExactly("+ /photos/**", "+ /photos", "+ *.pdf", "- **");
  }

  @Test
  void withoutIncludesEverythingNotExcludedIsSynced() {
    assertThat(FilterRules.of(FilterSpec.NONE)).containsExactly("- /.syncplan/**");
  }

  @Test
  void aPatternThatCouldEndItsLineOrReadAsAFlagIsRefused() {
    for (String pattern : List.of("-v", "a\n+ /etc/**", "x\r", "+ /secret/**", "!")) {
      assertThatThrownBy(
              () -> FilterRules.of(new FilterSpec(List.of(), List.of(pattern), List.of())))
          .isInstanceOf(UnsafeArgumentException.class)
          .hasMessageContaining("exclude pattern");
    }
  }
}
