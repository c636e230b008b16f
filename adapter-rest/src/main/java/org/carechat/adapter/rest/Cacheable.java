package org.carechat.adapter.rest;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a resource method whose answer holds no health data and nothing of who treats whom, so that
 * the {@code Cache-Control} it sets stands; every other answer is {@code no-store} ({@link PrivateResponses}).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@interface Cacheable {
}
