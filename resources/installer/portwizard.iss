; Inno Setup script for the Windows installer of portwizard.
;
; Build the bundle first (pyinstaller --noconfirm build.spec), then, from the repository root:
;   iscc /DAppVersion=0.1.0 resources\installer\portwizard.iss
; Output: dist\installer\portwizard-<version>-setup.exe
;
; Installs for the current user only, without administrator rights (into
; %LOCALAPPDATA%\Programs\portwizard), with a Start-menu entry and an uninstaller (Settings >
; Apps, and the Start-menu entry "Uninstall portwizard"). Someone with administrator rights
; can still choose "install for all users" on the first page.
;
; Not part of the program's run-time resources: build.spec leaves this folder out.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#ifndef SourceDir
  #define SourceDir "..\..\dist\portwizard"
#endif
#define AppName "portwizard"
#define AppExe "portwizard.exe"

[Setup]
; The AppId identifies the program for upgrades and the uninstaller: never change it.
AppId={{6A0C2F1E-5B7D-4C8A-9E3F-2D41B7A9C650}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=portwizard
AppComments=Move your business phone numbers to a new provider yourself.
VersionInfoVersion={#AppVersion}
; per-user install, no UAC prompt
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
UsePreviousAppDir=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
SetupIconFile=..\icons\portwizard.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
OutputDir=..\..\dist\installer
OutputBaseFilename={#AppName}-{#AppVersion}-setup
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
; a running portwizard is asked to close before files are replaced
CloseApplications=yes

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
; the whole one-folder bundle: portwizard.exe (window), portwizard-cli.exe (console), _internal\
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\{#AppName}"; Filename: "{app}\{#AppExe}"; IconFilename: "{app}\{#AppExe}"; Comment: "Move your phone numbers to a new provider"
Name: "{group}\Uninstall {#AppName}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

[UninstallDelete]
; files the program itself may leave beside it (never the user's orders: those live in the
; user's data folder, %LOCALAPPDATA%\portwizard, and stay, so a reinstall finds them)
Type: filesandordirs; Name: "{app}\_internal\__pycache__"
