# Build, test and pack ClrPy from PowerShell (the bash equivalents are ./clrpy and `dotnet test ClrPy.sln`).
# Usage: ./build.ps1 [build|test|pack] [-Configuration Release|Debug] [-Output DIR]
param(
    [ValidateSet("build", "test", "pack")]
    [string]$Step = "build",
    [string]$Configuration = "Release",
    [string]$Output = (Join-Path $PSScriptRoot ".artifacts/clrpy")
)
$ErrorActionPreference = "Stop"
Set-Location $PSScriptRoot

switch ($Step) {
    "build" {
        dotnet build ClrPy.sln -c $Configuration
    }
    "test" {
        dotnet test ClrPy.sln -c $Configuration
    }
    "pack" {
        # The tool as a folder: run it with `dotnet <Output>/clrpy.dll`.
        dotnet publish Tools/ClrPy.Tools.csproj -c $Configuration -o $Output
    }
}
if ($LASTEXITCODE -ne 0) {
    Write-Error "$Step failed with exit code $LASTEXITCODE"
    exit $LASTEXITCODE
}
