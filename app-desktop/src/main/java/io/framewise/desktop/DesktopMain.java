package io.framewise.desktop;

public final class DesktopMain {
    public static void main(String[] args) {}
}
