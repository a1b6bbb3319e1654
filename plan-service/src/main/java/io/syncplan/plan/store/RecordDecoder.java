package io.syncplan.plan.store;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.bson.BsonReader;
import org.bson.BsonType;
import org.bson.BsonWriter;
import org.bson.codecs.Codec;
import org.bson.codecs.DecoderContext;
import org.bson.codecs.EncoderContext;
import org.bson.types.Decimal128;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Transient;
import org.springframework.data.mongodb.core.mapping.Field;

/**
 * Reads a stored document straight from BSON into its record, as Spring Data's mapping reads the
 * document it wrote for that record: the component annotated {@link Id} under {@code _id}, the
 * others under their own names, enums by name, {@link Instant}s as BSON dates, lists as arrays,
 * maps as sub-documents, nested records as sub-documents; fields the record does not have (such as
 * {@code _class}) are skipped, and missing or null ones are {@code null}. A primitive that is
 * missing is zero or {@code false}, where Spring Data refuses the document. Unlike Spring Data's
 * mapping it builds no {@code org.bson.Document} on the way and resolves every component once, when
 * the decoder is made, not per document: for the lists that read many documents a request. Writes
 * stay Spring Data's.
 *
 * <p>It reads the types the stored records use; a record with another type of component, or with a
 * component Spring Data would store under another name ({@link Field}) or not at all ({@link
 * Transient}), is refused when the decoder is made; so is a record that holds itself. {@code
 * RunDocumentReadTest} holds it to Spring Data's own reading of every component of the run
 * document, the record it reads.
 *
 * <p>Only decodes: {@link #encode} throws.
 */
public final class RecordDecoder<T extends Record> implements Codec<T> {

  private static final Map<Class<?>, RecordDecoder<?>> DECODERS = new ConcurrentHashMap<>();
  private static final ThreadLocal<Set<Class<?>>> BEING_MADE =
      ThreadLocal.withInitial(HashSet::new);

  private final Class<T> type;
  private final Constructor<T> constructor;
  private final Map<String, Integer> indexByName;
  private final ValueReader[] readers;
  private final Object[] absent;

  private RecordDecoder(Class<T> type) {
    this.type = type;
    RecordComponent[] components = type.getRecordComponents();
    Class<?>[] parameterTypes = new Class<?>[components.length];
    indexByName = new HashMap<>();
    readers = new ValueReader[components.length];
    absent = new Object[components.length];
    for (int i = 0; i < components.length; i++) {
      RecordComponent component = components[i];
      java.lang.reflect.Field field = fieldOf(component);
      if (field.isAnnotationPresent(Field.class) || field.isAnnotationPresent(Transient.class)) {
        throw new IllegalArgumentException(
            "RecordDecoder does not read @Field or @Transient components: " + where(component));
      }
      parameterTypes[i] = component.getType();
      indexByName.put(storedName(field, components), i);
      readers[i] = readerOf(component.getGenericType(), where(component));
      absent[i] = absentValue(component.getType());
    }
    try {
      constructor = type.getDeclaredConstructor(parameterTypes);
      constructor.setAccessible(true);
    } catch (NoSuchMethodException e) {
      throw new IllegalArgumentException("no canonical constructor: " + type.getName(), e);
    }
  }

  /** The decoder of a record type, made once. */
  @SuppressWarnings("unchecked")
  public static <T extends Record> RecordDecoder<T> of(Class<T> type) {
    RecordDecoder<?> decoder = DECODERS.get(type);
    if (decoder == null) {
      if (!BEING_MADE.get().add(type)) {
        throw new IllegalArgumentException(
            "RecordDecoder does not read a record that holds itself: " + type.getName());
      }
      try {
        decoder = new RecordDecoder<>(type);
      } finally {
        BEING_MADE.get().remove(type);
      }
      RecordDecoder<?> earlier = DECODERS.putIfAbsent(type, decoder);
      decoder = earlier == null ? decoder : earlier;
    }
    return (RecordDecoder<T>) decoder;
  }

  @Override
  public T decode(BsonReader reader, DecoderContext context) {
    return read(reader);
  }

  @Override
  public void encode(BsonWriter writer, T value, EncoderContext context) {
    throw new UnsupportedOperationException("RecordDecoder only reads; writes are Spring Data's");
  }

  @Override
  public Class<T> getEncoderClass() {
    return type;
  }

  private T read(BsonReader reader) {
    Object[] values = absent.clone();
    reader.readStartDocument();
    while (reader.readBsonType() != BsonType.END_OF_DOCUMENT) {
      Integer index = indexByName.get(reader.readName());
      if (index == null) {
        reader.skipValue();
      } else if (reader.getCurrentBsonType() == BsonType.NULL) {
        reader.readNull();
      } else {
        values[index] = readers[index].read(reader);
      }
    }
    reader.readEndDocument();
    try {
      return constructor.newInstance(values);
    } catch (InvocationTargetException e) {
      throw new IllegalStateException(
          "a stored " + type.getSimpleName() + " could not be built", e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(
          "a stored " + type.getSimpleName() + " could not be built", e);
    }
  }

  /** Reads the value the reader is at; its BSON type is known and not null. */
  @FunctionalInterface
  private interface ValueReader {
    Object read(BsonReader reader);
  }

  private static ValueReader readerOf(Type type, String where) {
    if (type instanceof ParameterizedType parameterized) {
      Type raw = parameterized.getRawType();
      Type[] arguments = parameterized.getActualTypeArguments();
      if (raw == List.class) {
        return listReader(readerOf(arguments[0], where));
      }
      if (raw == Map.class && arguments[0] == String.class) {
        return mapReader(readerOf(arguments[1], where));
      }
    } else if (type instanceof Class<?> simple) {
      ValueReader reader = simpleReader(simple);
      if (reader != null) {
        return reader;
      }
    }
    throw new IllegalArgumentException(
        "RecordDecoder cannot read " + where + " of type " + type.getTypeName());
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static ValueReader simpleReader(Class<?> type) {
    if (type == String.class) {
      return RecordDecoder::readString;
    }
    if (type == Instant.class) {
      return reader -> Instant.ofEpochMilli(reader.readDateTime());
    }
    if (type == boolean.class || type == Boolean.class) {
      return BsonReader::readBoolean;
    }
    if (type == int.class || type == Integer.class) {
      return reader -> readNumber(reader).intValue();
    }
    if (type == long.class || type == Long.class) {
      return reader -> readNumber(reader).longValue();
    }
    if (type == double.class || type == Double.class) {
      return reader -> readNumber(reader).doubleValue();
    }
    if (type.isEnum()) {
      Class<? extends Enum> enumType = (Class<? extends Enum>) type;
      return reader -> Enum.valueOf(enumType, reader.readString());
    }
    if (type.isRecord()) {
      RecordDecoder<?> nested = of((Class<? extends Record>) type);
      return nested::read;
    }
    return null;
  }

  private static String readString(BsonReader reader) {
    return reader.getCurrentBsonType() == BsonType.OBJECT_ID
        ? reader.readObjectId().toHexString()
        : reader.readString();
  }

  private static Number readNumber(BsonReader reader) {
    return switch (reader.getCurrentBsonType()) {
      case INT32 -> reader.readInt32();
      case INT64 -> reader.readInt64();
      case DOUBLE -> reader.readDouble();
      case DECIMAL128 -> {
        Decimal128 decimal = reader.readDecimal128();
        yield decimal.bigDecimalValue();
      }
      default ->
          throw new IllegalStateException("a number was stored as " + reader.getCurrentBsonType());
    };
  }

  private static ValueReader listReader(ValueReader element) {
    return reader -> {
      List<Object> list = new ArrayList<>();
      reader.readStartArray();
      while (reader.readBsonType() != BsonType.END_OF_DOCUMENT) {
        if (reader.getCurrentBsonType() == BsonType.NULL) {
          reader.readNull();
          list.add(null);
        } else {
          list.add(element.read(reader));
        }
      }
      reader.readEndArray();
      return list;
    };
  }

  private static ValueReader mapReader(ValueReader value) {
    return reader -> {
      Map<String, Object> map = new LinkedHashMap<>();
      reader.readStartDocument();
      while (reader.readBsonType() != BsonType.END_OF_DOCUMENT) {
        String key = reader.readName();
        if (reader.getCurrentBsonType() == BsonType.NULL) {
          reader.readNull();
          map.put(key, null);
        } else {
          map.put(key, value.read(reader));
        }
      }
      reader.readEndDocument();
      return map;
    };
  }

  private static Object absentValue(Class<?> type) {
    if (!type.isPrimitive()) {
      return null;
    }
    if (type == boolean.class) {
      return false;
    }
    if (type == int.class) {
      return 0;
    }
    if (type == long.class) {
      return 0L;
    }
    if (type == double.class) {
      return 0d;
    }
    throw new IllegalArgumentException("RecordDecoder does not read primitives of type " + type);
  }

  /** Spring Data's annotations on a component are on the record's field. */
  private static java.lang.reflect.Field fieldOf(RecordComponent component) {
    try {
      return component.getDeclaringRecord().getDeclaredField(component.getName());
    } catch (NoSuchFieldException e) {
      throw new IllegalStateException(
          "a record without its component's field: " + where(component));
    }
  }

  /** Under {@code _id}: the component annotated {@link Id}, or else one named {@code id}. */
  private static String storedName(java.lang.reflect.Field field, RecordComponent[] components) {
    if (field.isAnnotationPresent(Id.class)) {
      return "_id";
    }
    boolean anotherIsId = false;
    for (RecordComponent component : components) {
      anotherIsId |= fieldOf(component).isAnnotationPresent(Id.class);
    }
    return field.getName().equals("id") && !anotherIsId ? "_id" : field.getName();
  }

  private static String where(RecordComponent component) {
    return component.getDeclaringRecord().getSimpleName() + "." + component.getName();
  }
}
