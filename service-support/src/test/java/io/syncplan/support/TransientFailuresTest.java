package io.syncplan.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.MongoSocketReadException;
import com.mongodb.MongoTimeoutException;
import com.mongodb.ServerAddress;
import io.syncplan.contracts.message.UnreadableMessageException;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.common.errors.NetworkException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.kafka.listener.ListenerExecutionFailedException;

class TransientFailuresTest {

  @Test
  void anUnansweringStoreOrBrokerIsAnOutage() {
    assertThat(TransientFailures.isTransient(new MongoTimeoutException("no server"))).isTrue();
    assertThat(
            TransientFailures.isTransient(
                new MongoSocketReadException("reset", new ServerAddress("127.0.0.1", 1))))
        .isTrue();
    assertThat(
            TransientFailures.isTransient(
                new DataAccessResourceFailureException(
                    "timed out", new MongoTimeoutException("x"))))
        .isTrue();
    assertThat(TransientFailures.isTransient(new NetworkException("broker gone"))).isTrue();
  }

  @Test
  void anOutageIsRecognisedBehindTheListenerWrapperAndABlockingTimeout() {
    IllegalStateException blockTimedOut =
        new IllegalStateException("Timeout on blocking read", new TimeoutException("30s"));
    assertThat(
            TransientFailures.isTransient(
                new ListenerExecutionFailedException("listener failed", blockTimedOut)))
        .isTrue();
  }

  @Test
  void aBadMessageOrALogicErrorIsNot() {
    assertThat(TransientFailures.isTransient(new UnreadableMessageException("bad json", null)))
        .isFalse();
    assertThat(TransientFailures.isTransient(new DuplicateKeyException("dup"))).isFalse();
    assertThat(TransientFailures.isTransient(new IllegalArgumentException("bug"))).isFalse();
  }
}
