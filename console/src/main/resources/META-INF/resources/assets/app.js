// the console; see app.js
