package io.syncplan.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TopicsTest {

  @Test
  void publicTopicNamesAreFixed() {
    assertThat(Topics.PLAN_EVENTS).isEqualTo("syncplan.plan-events");
    assertThat(Topics.RUN_EVENTS).isEqualTo("syncplan.run-events");
  }

  @Test
  void eachPoolHasItsOwnCommandTopic() {
    assertThat(Topics.commands("default")).isEqualTo("syncplan.commands.default");
    assertThat(Topics.commands("laptop-7")).isEqualTo("syncplan.commands.laptop-7");
  }

  @Test
  void refusesPoolNamesThatCouldEscapeTheTopicName() {
    assertThatThrownBy(() -> Topics.commands("../x")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Topics.commands("Laptop"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Topics.commands("")).isInstanceOf(IllegalArgumentException.class);
  }
}
