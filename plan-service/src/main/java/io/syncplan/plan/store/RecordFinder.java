package io.syncplan.plan.store;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.bson.Document;
import org.bson.codecs.configuration.CodecRegistries;
import org.bson.codecs.configuration.CodecRegistry;
import org.springframework.dao.DataAccessException;
import org.springframework.data.mongodb.core.MongoExceptionTranslator;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.convert.QueryMapper;
import org.springframework.data.mongodb.core.mapping.MongoPersistentEntity;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;

/**
 * Finds a query's matches straight into records: the query, its sort, skip and limit mapped by
 * Spring Data as {@code ReactiveMongoTemplate.find} maps them, the documents read by {@link
 * RecordDecoder} instead of Spring Data's mapping. For the lists that read many documents a request
 * (a page of runs: measured in docs/benchmarks.md, "A million stored runs"); everything else reads
 * through the template. Failures are translated as the template translates them.
 */
@Component
public class RecordFinder {

  private final ReactiveMongoTemplate mongo;
  private final QueryMapper queryMapper;
  private final MongoExceptionTranslator translator = new MongoExceptionTranslator();
  private final Map<Class<?>, CodecRegistry> registries = new ConcurrentHashMap<>();

  public RecordFinder(ReactiveMongoTemplate mongo) {
    this.mongo = mongo;
    this.queryMapper = new QueryMapper(mongo.getConverter());
  }

  /** The query's matches in its order; a query with a projection is refused. */
  public <T extends Record> Flux<T> find(Query query, Class<T> type) {
    if (!query.getFieldsObject().isEmpty()) {
      throw new IllegalArgumentException("RecordFinder reads whole records, not projections");
    }
    MongoPersistentEntity<?> entity =
        mongo.getConverter().getMappingContext().getRequiredPersistentEntity(type);
    Document filter = queryMapper.getMappedObject(query.getQueryObject(), entity);
    Document sort = queryMapper.getMappedSort(query.getSortObject(), entity);
    RecordDecoder<T> decoder = RecordDecoder.of(type);
    return mongo
        .getCollection(mongo.getCollectionName(type))
        .flatMapMany(
            collection ->
                collection
                    .withDocumentClass(type)
                    .withCodecRegistry(
                        registries.computeIfAbsent(
                            type,
                            ignored ->
                                CodecRegistries.fromRegistries(
                                    CodecRegistries.fromCodecs(decoder),
                                    collection.getCodecRegistry())))
                    .find(filter)
                    .sort(sort)
                    .skip((int) query.getSkip())
                    .limit(query.getLimit()))
        .onErrorMap(RuntimeException.class, this::translated);
  }

  private Throwable translated(RuntimeException failure) {
    DataAccessException translated = translator.translateExceptionIfPossible(failure);
    return translated == null ? failure : translated;
  }
}
