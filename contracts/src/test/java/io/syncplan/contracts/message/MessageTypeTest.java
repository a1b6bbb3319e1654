package io.syncplan.contracts.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.syncplan.contracts.run.RunFinished;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class MessageTypeTest {

  @Test
  void aRecordThatOneTypeReadsIntoIsThatType() {
    Arrays.stream(MessageType.values())
        .filter(type -> type.payloadType() != RunFinished.class)
        .forEach(type -> assertThat(MessageType.ofPayload(type.payloadType())).isEqualTo(type));
  }

  @Test
  void aRecordThatSeveralTypesReadIntoMustSayWhichItIs() {
    assertThatThrownBy(() -> MessageType.ofPayload(RunFinished.class))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("RunFinished is the payload of [RUN_SUCCEEDED, RUN_PARTIAL")
        .hasMessageContaining("override messageType()");
  }

  @Test
  void aRecordThatNoTypeReadsIntoIsRefused() {
    record Stray(String planId) implements Message {}

    assertThatThrownBy(() -> new Stray("plan-1").messageType())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("Stray is the payload of no message type");
  }
}
