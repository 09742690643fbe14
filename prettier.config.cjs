/** @type {import('prettier').Config} */
// OCA's prettier settings for 18.0 (oca-addons-repo-template, prettier.config.cjs), with
// the 4-space indent that OCA's .editorconfig gives XML and JS. scripts/lint.sh checks
// and scripts/format.sh applies them; the plugin is installed by those scripts (NODE_PATH).
const config = {
    // https://github.com/prettier/prettier/issues/15388#issuecomment-1717746872
    plugins: [require.resolve("@prettier/plugin-xml")],
    bracketSpacing: false,
    printWidth: 88,
    proseWrap: "always",
    semi: true,
    trailingComma: "es5",
    xmlWhitespaceSensitivity: "preserve",
    tabWidth: 4,
    useTabs: false,
    endOfLine: "lf",
};

module.exports = config;
