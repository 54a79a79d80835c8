"""What a browser posts back from a rendered admin change form, for tests
that save through the admin as an editor would."""


def form_data(response):
    """The POST data of a rendered admin change form, as the browser would
    send it unchanged."""
    forms = [response.context["adminform"].form]
    for inline in response.context.get("inline_admin_formsets", []):
        forms += [inline.formset.management_form, *inline.formset.forms]
    data = {}
    for form in forms:
        for field in form:
            value = field.value()
            if value is not None and value is not False:
                data[field.html_name] = value
    return data
