package dev.hmacsigned.jaxrs;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The matched resource method on Quarkus REST (RESTEasy Reactive), which drops the {@code
 * DynamicFeature} a feature registers and injects nothing into the filters a feature registers as
 * instances. Its request context offers the method through its SPI: {@code
 * ResteasyReactiveContainerRequestContext.getServerRequestContext().getResteasyReactiveResourceInfo()},
 * a {@link ResourceInfo}. Called by reflection, so that the library needs no RESTEasy Reactive
 * classes; on every other runtime the method does not exist and {@link #of} answers {@code null}.
 */
final class ReactiveResourceInfo {
  /** The public {@code getServerRequestContext()} of a request context class, if it has one. */
  private static final ClassValue<Optional<Method>> SERVER_REQUEST_CONTEXT =
      new ClassValue<>() {
        @Override
        protected Optional<Method> computeValue(Class<?> type) {
          return publicMethod(type, "getServerRequestContext");
        }
      };

  /** The public {@code getResteasyReactiveResourceInfo()} of a server request context class. */
  private static final ClassValue<Optional<Method>> RESOURCE_INFO =
      new ClassValue<>() {
        @Override
        protected Optional<Method> computeValue(Class<?> type) {
          return publicMethod(type, "getResteasyReactiveResourceInfo");
        }
      };

  /** The public {@code boolean isNonBlocking} field of a resource info class, if it has one. */
  private static final ClassValue<Optional<Field>> NON_BLOCKING =
      new ClassValue<>() {
        @Override
        protected Optional<Field> computeValue(Class<?> type) {
          try {
            Field field = type.getField("isNonBlocking");
            return field.getType() == boolean.class && !Modifier.isStatic(field.getModifiers())
                ? Optional.of(field)
                : Optional.empty();
          } catch (NoSuchFieldException | SecurityException e) {
            return Optional.empty();
          }
        }
      };

  private ReactiveResourceInfo() {}

  /**
   * The request's matched resource method, or {@code null} if this is not Quarkus REST (or its SPI
   * changed).
   */
  static @Nullable ResourceInfo of(ContainerRequestContext request) {
    Optional<Method> getContext = SERVER_REQUEST_CONTEXT.get(request.getClass());
    if (getContext.isEmpty()) {
      return null;
    }
    try {
      Object context = getContext.get().invoke(request);
      if (context == null) {
        return null;
      }
      Optional<Method> getInfo = RESOURCE_INFO.get(context.getClass());
      if (getInfo.isEmpty()) {
        return null;
      }
      return getInfo.get().invoke(context) instanceof ResourceInfo info ? info : null;
    } catch (IllegalAccessException | InvocationTargetException | RuntimeException e) {
      return null;
    }
  }

  /**
   * Tells whether Quarkus REST runs this resource method, and so its filters, on the event loop,
   * where a body cannot be read: its {@code ResteasyReactiveResourceInfo.isNonBlocking}.
   */
  static boolean isNonBlocking(ResourceInfo info) {
    Optional<Field> field = NON_BLOCKING.get(info.getClass());
    try {
      return field.isPresent() && field.get().getBoolean(info);
    } catch (IllegalAccessException | RuntimeException e) {
      return false;
    }
  }

  /**
   * A public, no-argument method of that name that reflection may call: declared by a public class
   * or interface of the type's hierarchy (the runtime's own class may be package-private).
   */
  private static Optional<Method> publicMethod(Class<?> type, String name) {
    for (Class<?> c = type; c != null; c = c.getSuperclass()) {
      Optional<Method> found = declaredPublic(c, name);
      if (found.isPresent()) {
        return found;
      }
      for (Class<?> i : c.getInterfaces()) {
        found = inInterface(i, name);
        if (found.isPresent()) {
          return found;
        }
      }
    }
    return Optional.empty();
  }

  private static Optional<Method> inInterface(Class<?> type, String name) {
    Optional<Method> found = declaredPublic(type, name);
    if (found.isPresent()) {
      return found;
    }
    for (Class<?> i : type.getInterfaces()) {
      found = inInterface(i, name);
      if (found.isPresent()) {
        return found;
      }
    }
    return Optional.empty();
  }

  private static Optional<Method> declaredPublic(Class<?> type, String name) {
    if (!Modifier.isPublic(type.getModifiers())) {
      return Optional.empty();
    }
    try {
      Method method = type.getDeclaredMethod(name);
      return Modifier.isPublic(method.getModifiers()) && !Modifier.isStatic(method.getModifiers())
          ? Optional.of(method)
          : Optional.empty();
    } catch (NoSuchMethodException | SecurityException e) {
      return Optional.empty();
    }
  }
}
