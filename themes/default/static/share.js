// The Share button: where the browser can share (the Web Share API), it shares the page's key
// points; elsewhere, and without JavaScript, the button is a plain WhatsApp link with the same
// text. Nothing about the reader is ever in it.
(function () {
  var button = document.getElementById("share-page");
  if (!button) return;
  button.addEventListener("click", function (event) {
    if (!navigator.share) return; // the link opens WhatsApp
    event.preventDefault();
    var text = new URL(button.href).searchParams.get("text") || "";
    var data = { title: button.getAttribute("data-title") || document.title };
    var url = button.getAttribute("data-url");
    // The address goes in its own field, where apps expect it.
    if (url && text.slice(-url.length) === url) {
      text = text.slice(0, -url.length).replace(/\n$/, "");
      data.url = url;
    }
    data.text = text;
    navigator.share(data).catch(function () {});
  });
})();
