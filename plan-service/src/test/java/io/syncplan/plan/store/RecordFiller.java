package io.syncplan.plan.store;

import java.lang.reflect.Constructor;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Records with every component set, nested ones too, each value told apart by a seed: a component
 * added to a stored record is filled without the tests that use this changing.
 */
public final class RecordFiller {

  private RecordFiller() {}

  public static <T extends Record> T filled(Class<T> type, int seed) {
    RecordComponent[] components = type.getRecordComponents();
    Class<?>[] types = new Class<?>[components.length];
    Object[] values = new Object[components.length];
    for (int i = 0; i < components.length; i++) {
      types[i] = components[i].getType();
      values[i] = value(components[i].getGenericType(), seed * 31 + i + 1);
    }
    try {
      Constructor<T> constructor = type.getDeclaredConstructor(types);
      constructor.setAccessible(true);
      return constructor.newInstance(values);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError("cannot fill " + type.getName(), e);
    }
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  static Object value(Type type, int seed) {
    if (type instanceof ParameterizedType parameterized) {
      Type raw = parameterized.getRawType();
      Type[] arguments = parameterized.getActualTypeArguments();
      if (raw == List.class) {
        List<Object> list = new ArrayList<>();
        list.add(value(arguments[0], seed + 1));
        list.add(value(arguments[0], seed + 2));
        return list;
      }
      if (raw == Map.class) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put(String.valueOf(seed + 1), value(arguments[1], seed + 1));
        map.put(String.valueOf(seed + 2), value(arguments[1], seed + 2));
        return map;
      }
    }
    Class<?> simple = (Class<?>) type;
    if (simple == String.class) {
      return "text-" + seed;
    }
    if (simple == Instant.class) {
      return Instant.parse("2026-11-01T10:00:00Z").plusMillis(seed * 1_001L);
    }
    if (simple == boolean.class || simple == Boolean.class) {
      return true;
    }
    if (simple == int.class || simple == Integer.class) {
      return seed;
    }
    if (simple == long.class || simple == Long.class) {
      return seed * 1_000_003L;
    }
    if (simple == double.class || simple == Double.class) {
      return seed + 0.5;
    }
    if (simple.isEnum()) {
      Object[] constants = simple.getEnumConstants();
      return constants[seed % constants.length];
    }
    if (simple.isRecord()) {
      return filled((Class<? extends Record>) simple, seed);
    }
    throw new AssertionError("the filler has no value of " + type.getTypeName());
  }
}
