/** What notes share with every module: the neutral marker colour palette. */
package io.framewise.model.notes;
