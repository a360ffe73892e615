/* Draws one self-assessment item (widgets/pages/assessment_form.py, ItemForm) as native form
   controls: its statement, the rating and the degree of participation as choice groups
   (choiceFieldset, choice_inputs.js, joined in front of this file), each text box with its
   visible label, how much it holds and the privacy reminder, then who and by when.

   One widget draws the whole item: as separate ipywidgets an item was 15 models, each built by
   the browser before the page showed anything. Every change goes to the kernel as a message, in
   order with the clicks of the buttons beside it (see choices.js); the kernel decides what is
   allowed and what each box's count says. */
const TEXT_PARTS = ["evidence", "children_say", "action"];
const PLAN_PARTS = ["action_owner", "action_due"];
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

  function send(part, value) {
    model.set(part, value); // what the page shows, so a later change from the kernel is seen as one
    model.send({ kind: "value", part: part, value: value });
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
    el.append(outer);
  }

  function lineBox(part, label, type, event) {
    const input = document.createElement("input");
    input.type = type;
    input.addEventListener(event, function () { send(part, input.value); });
    el.append(field(part, label, input));
  }

  function showCounts() {
    const held = model.get("counts");
    Object.keys(counts).forEach(function (part) { counts[part].innerHTML = held[part] || ""; });
  }

  function showValues() {
    if (rating) rating.show(model.get("rating"));
    if (degree) degree.show(model.get("participation_degree"));
    Object.keys(boxes).forEach(function (part) {
      if (boxes[part].value !== model.get(part)) boxes[part].value = model.get(part);
    });
  }

  function draw() {
    el.textContent = "";
    Object.keys(boxes).forEach(function (part) { delete boxes[part]; });
    Object.keys(counts).forEach(function (part) { delete counts[part]; });
    const heading = document.createElement("div");
    heading.className = "viw-item-heading";
    heading.innerHTML = model.get("heading");
    el.append(heading);
    rating = choiceGroup("rating", model.get("scale_name"), model.get("scale"));
    degree = model.get("degrees").length ? choiceGroup("participation_degree", model.get("degree_name"), model.get("degrees")) : null;
    model.get("texts").forEach(function (text) { textBox(text.part, text.label); });
    if (model.get("plan")) {
      lineBox("action_owner", "Who will do it", "text", "input");
      lineBox("action_due", "By when", "date", "change");
    }
    showCounts();
    showValues();
  }

  function showHeading() {
    el.querySelector(".viw-item-heading").innerHTML = model.get("heading");
  }

  draw();
  const shown = ["rating", "participation_degree", ...TEXT_PARTS, ...PLAN_PARTS];
  model.on("change:heading", showHeading);
  model.on("change:counts", showCounts);
  shown.forEach(function (part) { model.on("change:" + part, showValues); });
  DRAWN.forEach(function (trait) { model.on("change:" + trait, draw); });
  return function () {
    model.off("change:heading", showHeading);
    model.off("change:counts", showCounts);
    shown.forEach(function (part) { model.off("change:" + part, showValues); });
    DRAWN.forEach(function (trait) { model.off("change:" + trait, draw); });
  };
}

export default { render };
