/**
 * The one JSON mapper configuration, used for Kafka records and HTTP bodies alike.
 */
package com.geopera.common.json;
