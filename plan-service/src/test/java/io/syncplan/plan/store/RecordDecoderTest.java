package io.syncplan.plan.store;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Field;

/**
 * What {@link RecordDecoder} cannot read as Spring Data would is refused when the decoder is made,
 * naming the component. How it reads what it can: {@code RunDocumentReadTest}.
 */
class RecordDecoderTest {

  record WithASet(@Id String id, Set<String> names) {}

  record WithARenamedField(@Id String id, @Field("n") String name) {}

  record HoldsItself(@Id String id, HoldsItself next) {}

  @Test
  void aComponentOfATypeItDoesNotReadIsRefusedByName() {
    assertThatThrownBy(() -> RecordDecoder.of(WithASet.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("WithASet.names")
        .hasMessageContaining("java.util.Set<java.lang.String>");
  }

  @Test
  void aComponentSpringDataStoresUnderAnotherNameIsRefusedByName() {
    assertThatThrownBy(() -> RecordDecoder.of(WithARenamedField.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("WithARenamedField.name");
  }

  @Test
  void aRecordThatHoldsItselfIsRefused() {
    assertThatThrownBy(() -> RecordDecoder.of(HoldsItself.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("holds itself")
        .hasMessageContaining("HoldsItself");
  }
}
