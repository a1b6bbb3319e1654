package io.syncplan.scheduler.schedule;

import io.syncplan.contracts.message.Envelope;
import io.syncplan.contracts.message.Message;
import io.syncplan.scheduler.config.UnprocessableEventException;
import java.util.List;
import org.apache.commons.logging.LogFactory;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.core.log.LogAccessor;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.kafka.support.serializer.SerializationUtils;

/**
 * Walks a batch of records for a batch listener. A record that cannot be read or applied stops the
 * walk: the records before it are saved first, then the error handler parks it on the dead-letter
 * topic and the batch goes on after it.
 */
public final class EventBatches {

  private static final LogAccessor LOG = new LogAccessor(LogFactory.getLog(EventBatches.class));

  /** What a listener does with each readable record. */
  public interface RecordHandler {
    void handle(ConsumerRecord<String, Envelope<Message>> record);
  }

  private EventBatches() {}

  /**
   * Hands every record to {@code handler} in order, then runs {@code save}; a record that fails
   * stops the walk after {@code save} ran for the ones before it.
   */
  public static void walk(
      List<ConsumerRecord<String, Envelope<Message>>> records,
      RecordHandler handler,
      Runnable save) {
    for (int index = 0; index < records.size(); index++) {
      ConsumerRecord<String, Envelope<Message>> record = records.get(index);
      DeserializationException unreadable =
          SerializationUtils.getExceptionFromHeader(
              record, SerializationUtils.VALUE_DESERIALIZER_EXCEPTION_HEADER, LOG);
      if (unreadable != null) {
        save.run();
        throw new BatchListenerFailedException(
            "unreadable record at "
                + record.topic()
                + "-"
                + record.partition()
                + "@"
                + record.offset(),
            unreadable,
            index);
      }
      try {
        handler.handle(record);
      } catch (RuntimeException e) {
        save.run();
        throw new BatchListenerFailedException(
            "record at "
                + record.topic()
                + "-"
                + record.partition()
                + "@"
                + record.offset()
                + " cannot be applied",
            new UnprocessableEventException(e.getMessage(), e),
            index);
      }
    }
    save.run();
  }
}
