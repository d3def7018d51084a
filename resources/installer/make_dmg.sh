#!/usr/bin/env bash
# Put the macOS app (built by `pyinstaller --noconfirm build.spec`) into a disk image with
# the usual "drag to Applications" link:
#   resources/installer/make_dmg.sh [dist/portwizard.app] [dist/portwizard-<version>.dmg]
# Checks first that the app has its bundle identifier and icon. macOS only (hdiutil).
# Not part of the program's run-time resources: build.spec leaves this folder out.
set -euo pipefail

app=${1:-dist/portwizard.app}
version=$(/usr/libexec/PlistBuddy -c "Print :CFBundleShortVersionString" "$app/Contents/Info.plist")
out=${2:-dist/portwizard-$version.dmg}
expected_id=app.portwizard.wizard

identifier=$(/usr/libexec/PlistBuddy -c "Print :CFBundleIdentifier" "$app/Contents/Info.plist")
if [ "$identifier" != "$expected_id" ]; then
  echo "bundle identifier is '$identifier', expected '$expected_id'" >&2
  exit 1
fi
icon=$(/usr/libexec/PlistBuddy -c "Print :CFBundleIconFile" "$app/Contents/Info.plist")
[ -f "$app/Contents/Resources/$icon" ] || [ -f "$app/Contents/Resources/$icon.icns" ] || {
  echo "the app has no icon (CFBundleIconFile '$icon' not in Contents/Resources)" >&2
  exit 1
}

staging=$(mktemp -d)
trap 'rm -rf "$staging"' EXIT
cp -R "$app" "$staging/"
ln -s /Applications "$staging/Applications"
rm -f "$out"
hdiutil create -volname "portwizard $version" -srcfolder "$staging" -fs HFS+ -format UDZO -ov "$out"
hdiutil verify "$out"
echo "$out"
