/**
 * Frame rates, frame ranges and SMPTE timecode: the arithmetic behind "one frame truth". Frame
 * indices are 0-based and exact; timecode and seconds are views derived from them, never the other
 * way round.
 */
package io.framewise.model.time;
