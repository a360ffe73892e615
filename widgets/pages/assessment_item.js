/* Draws one self-assessment item (widgets/pages/assessment_form.py, ItemForm) as native form
   controls: its statement, the rating and the degree of participation as choice groups
   (choiceFieldset, choice_inputs.js, joined in front of this file), each text box with its
   visible label, how much it holds and the privacy reminder, then who and by when.

   One widget draws the whole item: as separate ipywidgets an item was 15 models, each built by
   the browser before the page showed anything. Every change goes to the kernel as a message, in
   order with the clicks of the buttons beside it (see choices.js); the kernel decides what is
   allowed and what each box's count says. Each change carries the kernel's "generation" (how many
   saved answers it has put in): a change made before the page saw the last one is dropped there.
   The item is a group named by its statement, so each box is heard with the item it belongs to. */
const DRAWN = ["scale_name", "scale", "degree_name", "degrees", "texts", "plan", "reminder"];
let items = 0;

function dashed(part) {
  return "viw-" + part.replace(/_/g, "-");
}

function render({ model, el }) {
  items += 1;
  const prefix = "viw-item-" + Math.random().toString(36).slice(2, 8) + "-" + items;
  const boxes = {}; // part -> its textarea or input
  const counts = {}; // part -> the line under its box
  let rating = null;
  let degree = null;
  const unwatch = []; // what to undo when the view goes or is drawn again

  function send(part, value) {
    model.set(part, value); // what the page shows, so a later change from the kernel is seen as one
    model.send({ kind: "value", part: part, value: value, generation: model.get("generation") });
  }

  function choiceGroup(part, legend, choices) {
    const holder = document.createElement("div");
    holder.className = dashed(part);
    const group = choiceFieldset(function (value) { send(part, value); });
    group.draw({ legend: legend, choices: choices });
    holder.append(group.fieldset);
    el.append(holder);
    return group;
  }

  function field(part, label, control) {
    const holder = document.createElement("div");
    const caption = document.createElement("label");
    holder.className = "viw-field " + dashed(part);
    control.id = prefix + "-" + part;
    control.dir = "auto";
    control.value = model.get(part);
    caption.className = "viw-field-label";
    caption.htmlFor = control.id;
    caption.textContent = label;
    holder.append(caption, control);
    boxes[part] = control;
    return holder;
  }

  function textBox(part, label) {
    const area = document.createElement("textarea");
    area.rows = 2;
    area.className = "viw-free-text";
    area.addEventListener("input", function () { send(part, area.value); });
    const outer = document.createElement("div");
    outer.className = "viw-free-text-field";
    const count = document.createElement("div");
    count.className = "viw-count";
    counts[part] = count;
    const reminder = document.createElement("div");
    reminder.innerHTML = model.get("reminder");
    outer.append(field(part, label, area), count, reminder);
    count.id = area.id + "-count";
    reminder.id = area.id + "-reminder";
    area.setAttribute("aria-describedby", count.id + " " + reminder.id); // the limit and the reminder, heard with the box
    el.append(outer);
  }

  function lineBox(box) {
    const input = document.createElement("input");
    input.type = box.type;
    if (box.min) input.min = box.min;
    if (box.max) input.max = box.max;
    if (box.type === "date") {
      // A date goes to the kernel once the person leaves the box (or the page): typing the day
      // 31 passes through the 3rd, a date the browser reports as chosen. A date it cannot read
      // (31 February, a year half typed) has the value "", which would clear the date saved: the
      // kernel is told instead, and says what to fix.
      let typing = false;
      const left = function () {
        typing = false;
        if (input.validity.badInput) model.send({ kind: "unreadable", part: box.part });
        else if (input.value !== model.get(box.part)) send(box.part, input.value);
      };
      // As the focus moves on from the day to the year inside the box, Chromium has it outside
      // the box for a moment: where it is is asked once that moment has passed.
      const afterMoving = function (then) { setTimeout(then, 0); };
      input.addEventListener("change", function () {
        afterMoving(function () {
          if (document.activeElement === input) typing = true;
          else left();
        });
      });
      input.addEventListener("blur", function () {
        afterMoving(function () { if (document.activeElement !== input) left(); });
      });
      const leaving = function () { if (typing) left(); };
      window.addEventListener("pagehide", leaving);
      unwatch.push(function () { window.removeEventListener("pagehide", leaving); });
    } else {
      input.addEventListener("input", function () { send(box.part, input.value); });
    }
    el.append(field(box.part, box.label, input));
  }

  function showCounts() {
    const held = model.get("counts");
    Object.keys(counts).forEach(function (part) {
      counts[part].innerHTML = held[part] || "";
      if (counts[part].querySelector(".viw-count-over")) boxes[part].setAttribute("aria-invalid", "true");
      else boxes[part].removeAttribute("aria-invalid");
    });
  }

  function showValue(part) {
    // Only the part that changed: a date still being typed is not in the model yet, and
    // showing every part on each click would put the old date back into its box.
    if (part === "rating") {
      if (rating) rating.show(model.get("rating"));
    } else if (part === "participation_degree") {
      if (degree) degree.show(model.get("participation_degree"));
    } else if (boxes[part] && boxes[part].value !== model.get(part)) {
      boxes[part].value = model.get(part);
    }
  }

  function draw() {
    unwatch.splice(0).forEach(function (undo) { undo(); });
    el.textContent = "";
    Object.keys(boxes).forEach(function (part) { delete boxes[part]; });
    Object.keys(counts).forEach(function (part) { delete counts[part]; });
    const heading = document.createElement("div");
    heading.className = "viw-item-heading";
    el.append(heading);
    showHeading();
    rating = choiceGroup("rating", model.get("scale_name"), model.get("scale"));
    degree = model.get("degrees").length ? choiceGroup("participation_degree", model.get("degree_name"), model.get("degrees")) : null;
    model.get("texts").forEach(function (text) { textBox(text.part, text.label); });
    model.get("plan").forEach(lineBox);
    showCounts();
    shown.forEach(showValue);
  }

  function showHeading() {
    const heading = el.querySelector(".viw-item-heading");
    heading.innerHTML = model.get("heading");
    const statement = heading.querySelector("h1, h2, h3, h4, h5, h6") || heading;
    statement.id = prefix + "-statement";
    el.setAttribute("role", "group");
    el.setAttribute("aria-labelledby", statement.id);
  }

  const shown = ["rating", "participation_degree", ...model.get("texts").map(function (text) { return text.part; }),
    ...model.get("plan").map(function (box) { return box.part; })];
  draw();
  model.on("change:heading", showHeading);
  model.on("change:counts", showCounts);
  const showers = shown.map(function (part) { return [part, function () { showValue(part); }]; });
  showers.forEach(function ([part, show]) { model.on("change:" + part, show); });
  DRAWN.forEach(function (trait) { model.on("change:" + trait, draw); });
  return function () {
    unwatch.splice(0).forEach(function (undo) { undo(); });
    model.off("change:heading", showHeading);
    model.off("change:counts", showCounts);
    showers.forEach(function ([part, show]) { model.off("change:" + part, show); });
    DRAWN.forEach(function (trait) { model.off("change:" + trait, draw); });
  };
}

export default { render };
