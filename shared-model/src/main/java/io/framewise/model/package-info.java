/** Frame-exact time and media descriptions shared by every module. No IO, no frameworks. */
package io.framewise.model;
