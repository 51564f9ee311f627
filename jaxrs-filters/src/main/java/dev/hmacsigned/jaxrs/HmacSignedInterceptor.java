package dev.hmacsigned.jaxrs;

import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Refuses a call to an {@link HmacSigned} resource method that {@link HmacServerFeature}'s filter
 * did not let through: the fail-safe for a runtime that never registered the feature (an {@code
 * Application} whose {@code getClasses()} omits it, a jar its runtime did not index), where the
 * method would otherwise be served unverified, in silence. The call fails with 500 and the first
 * one of each method is logged at {@code ERROR} ({@code SEVERE}), naming the fix.
 *
 * <p>Not for applications to use: a CDI container finds it in this jar's bean archive ({@code
 * META-INF/beans.xml}) and binds it through {@code @HmacSigned}, which is also an interceptor
 * binding. It acts wherever resources are CDI beans that the container intercepts: Quarkus (both
 * REST flavours), Helidon MP, RESTEasy with CDI (WildFly, Open Liberty), and Jersey's CDI beans
 * (GlassFish, Payara). Without CDI it is never loaded.
 *
 * <p>Only resource methods proper (with {@code @GET}, {@code @POST}, … ) are checked: runtimes call
 * sub-resource locators while matching, before any filter, and every other method of a bean runs
 * inside a resource method that was checked already.
 */
@Interceptor
@HmacSigned
@Priority(Interceptor.Priority.PLATFORM_BEFORE)
public class HmacSignedInterceptor {
  private static final System.Logger LOG = System.getLogger("dev.hmacsigned");

  /** Resource methods, by the method the container reports; computed once each. */
  private static final ClassValue<ConcurrentHashMap<Method, Boolean>> RESOURCE_METHODS =
      new ClassValue<>() {
        @Override
        protected ConcurrentHashMap<Method, Boolean> computeValue(Class<?> type) {
          return new ConcurrentHashMap<>();
        }
      };

  private static final Set<Method> REPORTED = ConcurrentHashMap.newKeySet();

  /** Created by the CDI container. */
  public HmacSignedInterceptor() {}

  /**
   * Lets the call through if the request passed {@link HmacServerFeature}'s filter on this thread,
   * or if the method is not a resource method.
   *
   * @param invocation the call
   * @return what the method returns
   * @throws Exception what the method throws
   * @throws WebApplicationException 500, if the filter did not pass the request
   */
  @AroundInvoke
  public Object guard(InvocationContext invocation) throws Exception {
    Method method = invocation.getMethod();
    if (method == null || RequestMark.isSet() || !isResourceMethod(method)) {
      return invocation.proceed();
    }
    if (REPORTED.add(method)) {
      LOG.log(
          System.Logger.Level.ERROR,
          "{0}#{1} is @HmacSigned, but no request to it has passed HmacServerFeature''s filter:"
              + " the feature is not registered in this application, so every call is refused"
              + " with 500. Register dev.hmacsigned.jaxrs.HmacServerFeature: list it in"
              + " Application#getClasses (or an instance in getSingletons) if your Application"
              + " lists its classes; on Quarkus and Helidon keep the hmac-signed-jaxrs-filters jar"
              + " as it is built (it carries a Jandex index and META-INF/beans.xml).",
          method.getDeclaringClass().getName(),
          method.getName());
    }
    throw new WebApplicationException(
        Response.serverError()
            .type("application/problem+json")
            .entity("{\"type\":\"about:blank\",\"title\":\"Internal Server Error\",\"status\":500}")
            .build());
  }

  /**
   * A method with a request method designator ({@code @GET}, …), on itself or on the method it
   * overrides or implements (JAX-RS annotations are inherited from superclasses and interfaces).
   */
  static boolean isResourceMethod(Method method) {
    return RESOURCE_METHODS
        .get(method.getDeclaringClass())
        .computeIfAbsent(method, HmacSignedInterceptor::designated);
  }

  private static boolean designated(Method method) {
    if (hasDesignator(method)) {
      return true;
    }
    for (Class<?> c = method.getDeclaringClass(); c != null; c = c.getSuperclass()) {
      if (declares(c, method) || inInterfaces(c, method)) {
        return true;
      }
    }
    return false;
  }

  private static boolean inInterfaces(Class<?> type, Method method) {
    for (Class<?> i : type.getInterfaces()) {
      if (declares(i, method) || inInterfaces(i, method)) {
        return true;
      }
    }
    return false;
  }

  private static boolean declares(Class<?> type, Method method) {
    try {
      return hasDesignator(type.getDeclaredMethod(method.getName(), method.getParameterTypes()));
    } catch (NoSuchMethodException | SecurityException e) {
      return false;
    }
  }

  private static boolean hasDesignator(Method method) {
    for (Annotation annotation : method.getAnnotations()) {
      if (annotation.annotationType().isAnnotationPresent(HttpMethod.class)) {
        return true;
      }
    }
    return false;
  }
}
