package dev.hmacsigned.client;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyWriter;
import java.io.OutputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;

/**
 * JSON-B for the Apache CXF client, which has no JSON provider of its own on this class path
 * (Jersey and RESTEasy bring theirs): what an application using CXF registers.
 */
@Consumes(MediaType.APPLICATION_JSON)
final class JsonbWriter implements MessageBodyWriter<Object> {
  private static final Jsonb JSONB = JsonbBuilder.create();

  @Override
  public boolean isWriteable(Class<?> type, Type generic, Annotation[] notes, MediaType media) {
    return media.isCompatible(MediaType.APPLICATION_JSON_TYPE)
        && type != String.class
        && type != byte[].class;
  }

  @Override
  public void writeTo(
      Object entity,
      Class<?> type,
      Type generic,
      Annotation[] notes,
      MediaType media,
      MultivaluedMap<String, Object> headers,
      OutputStream out) {
    JSONB.toJson(entity, generic, out);
  }
}
