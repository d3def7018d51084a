# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'address.ui'
##
## Created by: Qt User Interface Compiler version 6.12.0
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import (QCoreApplication, QMetaObject)
from PySide6.QtWidgets import (QComboBox, QFormLayout, QHBoxLayout, QLabel,
    QLineEdit, QPushButton, QSizePolicy, QSpacerItem,
    QVBoxLayout, QWidget)

class Ui_AddressPage(object):
    def setupUi(self, AddressPage):
        if not AddressPage.objectName():
            AddressPage.setObjectName(u"AddressPage")
        self.page_layout = QVBoxLayout(AddressPage)
        self.page_layout.setObjectName(u"page_layout")
        self.intro = QLabel(AddressPage)
        self.intro.setObjectName(u"intro")
        self.intro.setWordWrap(True)

        self.page_layout.addWidget(self.intro)

        self.paste_row = QHBoxLayout()
        self.paste_row.setObjectName(u"paste_row")
        self.paste_row.setContentsMargins(0, 0, 0, 0)
        self.address_paste = QLineEdit(AddressPage)
        self.address_paste.setObjectName(u"address_paste")

        self.paste_row.addWidget(self.address_paste)

        self.split_address = QPushButton(AddressPage)
        self.split_address.setObjectName(u"split_address")

        self.paste_row.addWidget(self.split_address)


        self.page_layout.addLayout(self.paste_row)

        self.split_notes = QLabel(AddressPage)
        self.split_notes.setObjectName(u"split_notes")
        self.split_notes.setWordWrap(True)

        self.page_layout.addWidget(self.split_notes)

        self.form = QFormLayout()
        self.form.setObjectName(u"form")
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.service_address__country_label = QLabel(AddressPage)
        self.service_address__country_label.setObjectName(u"service_address__country_label")

        self.form.setWidget(0, QFormLayout.ItemRole.LabelRole, self.service_address__country_label)

        self.country_row = QHBoxLayout()
        self.country_row.setObjectName(u"country_row")
        self.country_row.setContentsMargins(0, 0, 0, 0)
        self.service_address__country = QComboBox(AddressPage)
        self.service_address__country.setObjectName(u"service_address__country")

        self.country_row.addWidget(self.service_address__country)

        self.country_row_spacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.country_row.addItem(self.country_row_spacer)


        self.form.setLayout(0, QFormLayout.ItemRole.FieldRole, self.country_row)

        self.service_address__street_number_label = QLabel(AddressPage)
        self.service_address__street_number_label.setObjectName(u"service_address__street_number_label")

        self.form.setWidget(1, QFormLayout.ItemRole.LabelRole, self.service_address__street_number_label)

        self.number_row = QHBoxLayout()
        self.number_row.setObjectName(u"number_row")
        self.number_row.setContentsMargins(0, 0, 0, 0)
        self.service_address__street_number = QLineEdit(AddressPage)
        self.service_address__street_number.setObjectName(u"service_address__street_number")

        self.number_row.addWidget(self.service_address__street_number)

        self.service_address__pre_direction_label = QLabel(AddressPage)
        self.service_address__pre_direction_label.setObjectName(u"service_address__pre_direction_label")

        self.number_row.addWidget(self.service_address__pre_direction_label)

        self.service_address__pre_direction = QComboBox(AddressPage)
        self.service_address__pre_direction.setObjectName(u"service_address__pre_direction")

        self.number_row.addWidget(self.service_address__pre_direction)


        self.form.setLayout(1, QFormLayout.ItemRole.FieldRole, self.number_row)

        self.service_address__street_name_label = QLabel(AddressPage)
        self.service_address__street_name_label.setObjectName(u"service_address__street_name_label")

        self.form.setWidget(2, QFormLayout.ItemRole.LabelRole, self.service_address__street_name_label)

        self.service_address__street_name = QLineEdit(AddressPage)
        self.service_address__street_name.setObjectName(u"service_address__street_name")

        self.form.setWidget(2, QFormLayout.ItemRole.FieldRole, self.service_address__street_name)

        self.service_address__unit_label = QLabel(AddressPage)
        self.service_address__unit_label.setObjectName(u"service_address__unit_label")

        self.form.setWidget(3, QFormLayout.ItemRole.LabelRole, self.service_address__unit_label)

        self.service_address__unit = QLineEdit(AddressPage)
        self.service_address__unit.setObjectName(u"service_address__unit")

        self.form.setWidget(3, QFormLayout.ItemRole.FieldRole, self.service_address__unit)

        self.service_address__city_label = QLabel(AddressPage)
        self.service_address__city_label.setObjectName(u"service_address__city_label")

        self.form.setWidget(4, QFormLayout.ItemRole.LabelRole, self.service_address__city_label)

        self.service_address__city = QLineEdit(AddressPage)
        self.service_address__city.setObjectName(u"service_address__city")

        self.form.setWidget(4, QFormLayout.ItemRole.FieldRole, self.service_address__city)

        self.service_address__state_label = QLabel(AddressPage)
        self.service_address__state_label.setObjectName(u"service_address__state_label")

        self.form.setWidget(5, QFormLayout.ItemRole.LabelRole, self.service_address__state_label)

        self.state_row = QHBoxLayout()
        self.state_row.setObjectName(u"state_row")
        self.state_row.setContentsMargins(0, 0, 0, 0)
        self.service_address__state = QComboBox(AddressPage)
        self.service_address__state.setObjectName(u"service_address__state")

        self.state_row.addWidget(self.service_address__state)

        self.state_row_spacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.state_row.addItem(self.state_row_spacer)


        self.form.setLayout(5, QFormLayout.ItemRole.FieldRole, self.state_row)

        self.service_address__postal_code_label = QLabel(AddressPage)
        self.service_address__postal_code_label.setObjectName(u"service_address__postal_code_label")

        self.form.setWidget(6, QFormLayout.ItemRole.LabelRole, self.service_address__postal_code_label)

        self.zip_row = QHBoxLayout()
        self.zip_row.setObjectName(u"zip_row")
        self.zip_row.setContentsMargins(0, 0, 0, 0)
        self.service_address__postal_code = QLineEdit(AddressPage)
        self.service_address__postal_code.setObjectName(u"service_address__postal_code")

        self.zip_row.addWidget(self.service_address__postal_code)

        self.zip_row_spacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.zip_row.addItem(self.zip_row_spacer)


        self.form.setLayout(6, QFormLayout.ItemRole.FieldRole, self.zip_row)


        self.page_layout.addLayout(self.form)

        self.csr_hint = QLabel(AddressPage)
        self.csr_hint.setObjectName(u"csr_hint")
        self.csr_hint.setWordWrap(True)

        self.page_layout.addWidget(self.csr_hint)

        self.bottom_spacer = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.page_layout.addItem(self.bottom_spacer)

#if QT_CONFIG(shortcut)
        self.service_address__country_label.setBuddy(self.service_address__country)
        self.service_address__street_number_label.setBuddy(self.service_address__street_number)
        self.service_address__pre_direction_label.setBuddy(self.service_address__pre_direction)
        self.service_address__street_name_label.setBuddy(self.service_address__street_name)
        self.service_address__unit_label.setBuddy(self.service_address__unit)
        self.service_address__city_label.setBuddy(self.service_address__city)
        self.service_address__state_label.setBuddy(self.service_address__state)
        self.service_address__postal_code_label.setBuddy(self.service_address__postal_code)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.address_paste, self.split_address)
        QWidget.setTabOrder(self.split_address, self.service_address__country)
        QWidget.setTabOrder(self.service_address__country, self.service_address__street_number)
        QWidget.setTabOrder(self.service_address__street_number, self.service_address__pre_direction)
        QWidget.setTabOrder(self.service_address__pre_direction, self.service_address__street_name)
        QWidget.setTabOrder(self.service_address__street_name, self.service_address__unit)
        QWidget.setTabOrder(self.service_address__unit, self.service_address__city)
        QWidget.setTabOrder(self.service_address__city, self.service_address__state)
        QWidget.setTabOrder(self.service_address__state, self.service_address__postal_code)

        self.retranslateUi(AddressPage)

        QMetaObject.connectSlotsByName(AddressPage)
    # setupUi

    def retranslateUi(self, AddressPage):
        self.intro.setText(QCoreApplication.translate("AddressPage", u"Where are the phones physically installed? This is the service address, which can differ from where the bill is mailed.", None))
#if QT_CONFIG(accessibility)
        self.address_paste.setAccessibleName(QCoreApplication.translate("AddressPage", u"Paste the whole address", None))
#endif // QT_CONFIG(accessibility)
        self.address_paste.setPlaceholderText(QCoreApplication.translate("AddressPage", u"Paste the whole address, e.g. 123 N Main St Apt 4, Springfield, IL 62701", None))
        self.split_address.setText(QCoreApplication.translate("AddressPage", u"&Split", None))
#if QT_CONFIG(accessibility)
        self.split_address.setAccessibleName(QCoreApplication.translate("AddressPage", u"Split the pasted address into its parts", None))
#endif // QT_CONFIG(accessibility)
        self.split_notes.setText("")
        self.service_address__country_label.setText(QCoreApplication.translate("AddressPage", u"C&ountry:", None))
#if QT_CONFIG(accessibility)
        self.service_address__country.setAccessibleName(QCoreApplication.translate("AddressPage", u"Country", None))
#endif // QT_CONFIG(accessibility)
        self.service_address__street_number_label.setText(QCoreApplication.translate("AddressPage", u"Street n&umber:", None))
#if QT_CONFIG(accessibility)
        self.service_address__street_number.setAccessibleName(QCoreApplication.translate("AddressPage", u"Street number", None))
#endif // QT_CONFIG(accessibility)
        self.service_address__street_number.setPlaceholderText(QCoreApplication.translate("AddressPage", u"123", None))
        self.service_address__pre_direction_label.setText(QCoreApplication.translate("AddressPage", u"&Direction:", None))
#if QT_CONFIG(accessibility)
        self.service_address__pre_direction.setAccessibleName(QCoreApplication.translate("AddressPage", u"Street direction before the name", None))
#endif // QT_CONFIG(accessibility)
        self.service_address__street_name_label.setText(QCoreApplication.translate("AddressPage", u"Street na&me:", None))
#if QT_CONFIG(accessibility)
        self.service_address__street_name.setAccessibleName(QCoreApplication.translate("AddressPage", u"Street name", None))
#endif // QT_CONFIG(accessibility)
        self.service_address__street_name.setPlaceholderText(QCoreApplication.translate("AddressPage", u"Main St", None))
        self.service_address__unit_label.setText(QCoreApplication.translate("AddressPage", u"Suite / un&it:", None))
#if QT_CONFIG(accessibility)
        self.service_address__unit.setAccessibleName(QCoreApplication.translate("AddressPage", u"Suite or unit", None))
#endif // QT_CONFIG(accessibility)
        self.service_address__unit.setPlaceholderText(QCoreApplication.translate("AddressPage", u"Suite 200 (optional)", None))
        self.service_address__city_label.setText(QCoreApplication.translate("AddressPage", u"Cit&y:", None))
#if QT_CONFIG(accessibility)
        self.service_address__city.setAccessibleName(QCoreApplication.translate("AddressPage", u"City", None))
#endif // QT_CONFIG(accessibility)
        self.service_address__state_label.setText(QCoreApplication.translate("AddressPage", u"S&tate:", None))
#if QT_CONFIG(accessibility)
        self.service_address__state.setAccessibleName(QCoreApplication.translate("AddressPage", u"State or province", None))
#endif // QT_CONFIG(accessibility)
        self.service_address__postal_code_label.setText(QCoreApplication.translate("AddressPage", u"&ZIP code:", None))
#if QT_CONFIG(accessibility)
        self.service_address__postal_code.setAccessibleName(QCoreApplication.translate("AddressPage", u"ZIP or postal code", None))
#endif // QT_CONFIG(accessibility)
        self.csr_hint.setText(QCoreApplication.translate("AddressPage", u"Tip: the address must match what your current carrier has on file. If you are not sure, ask them for a Customer Service Record (CSR) \u2014 it shows the exact service address.", None))
        pass
    # retranslateUi

