/**
 * Reading editorial interchange files without IO: CMX3600 edit decision lists as Avid, Premiere,
 * Resolve and Nucoda write them ({@link io.framewise.model.interchange.Cmx3600}), decoded from bytes
 * by {@link io.framewise.model.interchange.EdlText}.
 */
package io.framewise.model.interchange;
